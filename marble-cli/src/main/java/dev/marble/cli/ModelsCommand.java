package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.config.Setting;
import dev.marble.error.MarbleException;
import dev.marble.json.Json;
import dev.marble.provider.Availability;
import dev.marble.provider.DefaultModelChooser;
import dev.marble.provider.ProviderSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code marble models}: the providers, which of them work here and why, the aliases, and the default model; its
 * {@code pull} is in {@link CommandTree}.
 */
@Command(name = "models", description = "List providers, aliases, and which are usable here.")
final class ModelsCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

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
            if (json) printJson(rows, marble.resolver().aliases(), choice);
            else printText(rows, marble.resolver().aliases(), choice, noChoice);
            return ExitCodes.OK;
        }
    }

    private record Row(ProviderSpec spec, Availability availability) {}

    private void printText(List<Row> rows, Map<String, Setting<String>> aliases,
                           Optional<DefaultModelChooser.Choice> choice, String noChoice) {
        var out = context.out();
        out.println("Providers (write provider:model):");
        Table table = new Table("  ", "NAME", "TYPE", "USABLE", "DETAIL");
        for (Row row : rows) {
            ProviderSpec spec = row.spec();
            String where = spec.baseUrl() == null ? "" : spec.baseUrl() + "; ";
            String detail = where + row.availability().reason()
                    + (spec.defaultModel() == null ? "" : "; default model " + spec.defaultModel())
                    + (spec.origin().equals("built in") ? "" : " [" + spec.origin() + "]");
            table.row(spec.name(), spec.type(), row.availability().usable() ? "yes" : "no", detail);
        }
        table.print(out);
        out.println();
        out.println("Aliases:");
        Table aliasTable = new Table("  ", "ALIAS", "MODEL", "FROM");
        aliases.forEach((name, target) -> aliasTable.row(name, target.value(), target.source()));
        aliasTable.print(out);
        out.println();
        out.println("A bare Claude model id (claude-sonnet-4-6) means claude-code:<id>, as in llmauto chains.");
        if (choice.isPresent()) {
            out.println("Default model: " + choice.get().ref() + " (" + choice.get().source() + ")");
        } else {
            out.println("Default model: none. " + (noChoice == null
                    ? "Set MARBLE_MODEL or default_model, or pass -m; see 'marble pipe --help'." : noChoice));
        }
    }

    private void printJson(List<Row> rows, Map<String, Setting<String>> aliases, Optional<DefaultModelChooser.Choice> choice) {
        ObjectNode root = Json.object();
        ArrayNode providers = root.putArray("providers");
        for (Row row : rows) {
            ObjectNode node = providers.addObject();
            node.put("name", row.spec().name());
            node.put("type", row.spec().type());
            if (row.spec().baseUrl() != null) node.put("base_url", row.spec().baseUrl());
            if (row.spec().defaultModel() != null) node.put("default_model", row.spec().defaultModel());
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
        context.out().println(Json.write(root));
    }
}
