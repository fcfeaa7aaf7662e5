package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.config.Setting;
import dev.marble.error.MarbleException;
import dev.marble.json.Json;
import dev.marble.provider.Availability;
import dev.marble.provider.DefaultModelChooser;
import dev.marble.provider.ProviderSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code marble models}: the providers, which of them work here and why, the aliases, and the default model; its
 * {@code pull} is in {@link CommandTree}.
 */
@Command(
        name = "models",
        description = {
            "List providers, aliases, and which are usable here.",
            "And the local GGUF models this machine has (pulled or configured), each with the -m reference that "
                    + "runs it."
        },
        footer = {
            "  marble models",
            "  marble models --json",
            "  marble models --json | jq -r '.local_models.models[].reference'"
        })
final class ModelsCommand implements Callable<Integer> {

    private final CliContext context;

    /** {"providers", "aliases", "default_model", "local_models"}. */
    @Mixin
    JsonOption json;

    @Spec
    CommandSpec commandSpec;

    ModelsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (Marble marble = Marble.start(context.environment(), context.err()::println, context.redactor())) {
            List<Row> rows = new ArrayList<>();
            for (ProviderSpec spec : marble.catalog().all()) rows.add(new Row(spec, marble.availability(spec)));
            Optional<DefaultModelChooser.Choice> choice;
            String noChoice = null;
            try {
                choice = marble.chooser().find(null);
            } catch (MarbleException e) {
                choice = Optional.empty();
                noChoice = e.getMessage();
            }
            LocalModels local = LocalModels.find(marble.config(), context.environment());
            if (json.enabled()) printJson(rows, marble.resolver().aliases(), choice, local);
            else printText(rows, marble.resolver().aliases(), choice, noChoice, local);
            return ExitCodes.OK;
        }
    }

    private record Row(ProviderSpec spec, Availability availability) {}

    private void printText(
            List<Row> rows,
            Map<String, Setting<String>> aliases,
            Optional<DefaultModelChooser.Choice> choice,
            String noChoice,
            LocalModels local) {
        var out = context.out();
        Palette palette = Palette.out(context, commandSpec);
        out.println(palette.heading("Providers") + " (write provider:model):");
        Table table = new Table("  ", "NAME", "TYPE", "USABLE", "DETAIL");
        for (Row row : rows) {
            ProviderSpec spec = row.spec();
            String where = spec.baseUrl() == null ? "" : spec.baseUrl() + "; ";
            String detail = where
                    + row.availability().reason()
                    + (spec.defaultModel() == null ? "" : "; default model " + spec.defaultModel())
                    + (spec.origin().equals("built in") ? "" : " [" + spec.origin() + "]");
            table.row(spec.name(), spec.type(), row.availability().usable() ? "yes" : "no", detail);
        }
        table.print(out, palette);
        out.println();
        out.println(palette.heading("Aliases") + ":");
        Table aliasTable = new Table("  ", "ALIAS", "MODEL", "FROM");
        aliases.forEach((name, target) -> aliasTable.row(name, target.value(), target.source()));
        aliasTable.print(out, palette);
        out.println();
        printLocal(local, palette);
        out.println();
        out.println("A bare Claude model id (claude-sonnet-4-6) means claude-code:<id>, as in llmauto chains.");
        if (choice.isPresent()) {
            out.println(
                    "Default model: " + choice.get().ref() + " (" + choice.get().source() + ")");
        } else {
            out.println("Default model: none. "
                    + (noChoice == null
                            ? "Set MARBLE_MODEL or default_model, or pass -m; see 'marble pipe --help'."
                            : noChoice));
        }
    }

    private void printLocal(LocalModels local, Palette palette) {
        var out = context.out();
        out.println(palette.heading("Local models") + " (GGUF files run in-process; models folder " + local.folder()
                + "):");
        if (local.models().isEmpty()) {
            out.println("  none yet: 'marble models pull OWNER/REPO/FILE' fetches one from Hugging Face,"
                    + " or name a file under local.models in marble.json");
            return;
        }
        Table table = new Table("  ", "NAME", "SIZE", "FROM", "USE WITH");
        for (LocalModels.Model model : local.models()) {
            table.row(
                    model.name(),
                    model.sizeBytes() == null ? "missing" : megabytes(model.sizeBytes()),
                    model.from(),
                    "-m " + model.reference());
        }
        table.print(out, palette);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private void printJson(
            List<Row> rows,
            Map<String, Setting<String>> aliases,
            Optional<DefaultModelChooser.Choice> choice,
            LocalModels local) {
        ObjectNode root = Json.object();
        ArrayNode providers = root.putArray("providers");
        for (Row row : rows) {
            ObjectNode node = providers.addObject();
            node.put("name", row.spec().name());
            node.put("type", row.spec().type());
            node.put("base_url", row.spec().baseUrl());
            node.put("default_model", row.spec().defaultModel());
            node.put("usable", row.availability().usable());
            node.put("reason", row.availability().reason());
            node.put("origin", row.spec().origin());
        }
        ObjectNode aliasNode = root.putObject("aliases");
        aliases.forEach((name, target) -> aliasNode.put(name, target.value()));
        if (choice.isPresent()) {
            ObjectNode node = root.putObject("default_model");
            node.put("model", choice.get().ref().toString());
            node.put("source", choice.get().source());
        } else {
            root.putNull("default_model");
        }
        ObjectNode localNode = root.putObject("local_models");
        localNode.put("models_dir", local.folder().toString());
        ArrayNode models = localNode.putArray("models");
        for (LocalModels.Model model : local.models()) {
            ObjectNode node = models.addObject();
            node.put("name", model.name());
            node.put("path", model.path().toString());
            if (model.sizeBytes() == null) node.putNull("size_bytes");
            else node.put("size_bytes", model.sizeBytes());
            node.put("from", model.from());
            node.put("reference", model.reference());
        }
        context.out().println(Json.write(root));
    }
}
