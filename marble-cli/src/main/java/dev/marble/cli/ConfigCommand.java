package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.config.MarbleConfig;
import dev.marble.config.ProjectLocator;
import dev.marble.config.Setting;
import dev.marble.json.Json;
import dev.marble.secret.SecretRedactor;
import dev.marble.secret.SecretVariables;
import dev.marble.store.Journal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code marble config}: every key Marble knows, set or not, with its effective value, its default and where the
 * value came from (a file and line, an environment variable, or the default); the files read; and the credentials
 * found, masked. {@code get}, {@code set} and {@code unset} (in {@link CommandTree}) read and change one key.
 */
@Command(
        name = "config",
        description = {
            "Show the effective settings and where each came from.",
            "Every key, set or not, with its value and default. 'config get KEY', 'config set KEY VALUE [--global]'"
                    + " and 'config unset KEY' read and change one."
        },
        footer = {"  marble config", "  marble config --json", "  marble config set default_model sonnet"})
final class ConfigCommand implements Callable<Integer> {

    /** Environment variables that matter to Marble; secret ones are shown masked. */
    private static final List<String> VARIABLES = List.of(
            "MARBLE_MODEL",
            "ANTHROPIC_API_KEY",
            "ANTHROPIC_AUTH_TOKEN",
            "ANTHROPIC_BASE_URL",
            "OPENAI_API_KEY",
            "OPENAI_BASE_URL",
            "OPENROUTER_API_KEY",
            "OLLAMA_HOST",
            "XDG_CONFIG_HOME");

    private final CliContext context;

    /** {"settings": {KEY: {"value", "default", "source", "description"}}, "environment", "files", "warnings"}. */
    @Mixin
    JsonOption json;

    @Spec
    CommandSpec commandSpec;

    ConfigCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (Marble marble = Marble.start(context.environment(), context.err()::println, context.redactor())) {
            ObjectNode settings = settings(marble.config());
            if (json.enabled()) printJson(marble, settings);
            else printText(marble, settings);
            return ExitCodes.OK;
        }
    }

    /** One entry per known key, and one per entry under the keys users name (aliases.fast, providers.lab). */
    private static ObjectNode settings(MarbleConfig config) {
        ObjectNode out = Json.object();
        for (ConfigKey key : ConfigKey.all()) {
            if (key.userKeyed()) {
                Map<String, Setting<JsonNode>> entries = config.entries(key.name());
                entries.forEach((name, setting) ->
                        out.set(key.name() + "." + name, entry(setting.value(), null, setting.source(), key.help())));
                if (!entries.isEmpty()) continue;
            }
            ConfigValue value = ConfigValue.of(config, key);
            out.set(key.name(), entry(value.value(), key.defaultJson(), value.source(), key.help()));
        }
        return out;
    }

    private static ObjectNode entry(JsonNode value, JsonNode byDefault, String source, String description) {
        ObjectNode node = Json.object();
        node.set("value", value);
        node.set("default", byDefault);
        node.put("source", source);
        node.put("description", description);
        return node;
    }

    private void printText(Marble marble, ObjectNode settings) {
        var out = context.out();
        Palette palette = Palette.out(context, commandSpec);
        out.println(palette.heading("Settings")
                + " (most specific wins: environment, project marble.json, global config.json, default):");
        Table table = new Table("  ", "KEY", "VALUE", "DEFAULT", "FROM");
        settings.forEachEntry((key, node) -> table.row(
                key,
                shown(node.get("value"), "(not set)"),
                shown(node.get("default"), "-"),
                node.path("source").isString() ? node.path("source").asString() : ""));
        table.print(out, palette);
        out.println();
        out.println(palette.heading("Environment") + ":");
        Table env = new Table("  ", "VARIABLE", "VALUE");
        for (String name : VARIABLES) env.row(name, shown(name).orElse("(not set)"));
        env.print(out, palette);
        out.println();
        out.println(palette.heading("Files") + ":");
        Table files = new Table("  ", "WHAT", "PATH", "STATE");
        Path global = context.environment().globalConfigDirectory().resolve("config.json");
        Path project = marble.config().projectRoot().resolve(ProjectLocator.PROJECT_FILE);
        files.row("global config", global.toString(), Files.isRegularFile(global) ? "read" : "none");
        files.row("project config", project.toString(), Files.isRegularFile(project) ? "read" : "none");
        Path journal = marble.stateDirectory().resolve(Journal.FILE_NAME);
        files.row("journal", journal.toString(), Files.isRegularFile(journal) ? "exists" : "created on first call");
        files.print(out, palette);
        if (!marble.config().warnings().isEmpty()) {
            out.println();
            out.println(palette.heading("Warnings") + ":");
            marble.config().warnings().forEach(w -> out.println("  " + w));
        }
    }

    private static String shown(JsonNode value, String absent) {
        return value == null || value.isNull() ? absent : Json.write(value);
    }

    private void printJson(Marble marble, ObjectNode settings) {
        ObjectNode root = Json.object();
        root.set("settings", settings);
        ObjectNode env = root.putObject("environment");
        for (String name : VARIABLES) env.put(name, shown(name).orElse(null));
        ObjectNode files = root.putObject("files");
        files.put(
                "global",
                context.environment()
                        .globalConfigDirectory()
                        .resolve("config.json")
                        .toString());
        files.put(
                "project",
                marble.config()
                        .projectRoot()
                        .resolve(ProjectLocator.PROJECT_FILE)
                        .toString());
        files.put("journal", marble.stateDirectory().resolve(Journal.FILE_NAME).toString());
        var warnings = root.putArray("warnings");
        marble.config().warnings().forEach(w -> warnings.add(w.toString()));
        context.out().println(Json.write(root));
    }

    /** The variable's value, masked when it looks like a secret; empty when it is not set. */
    private Optional<String> shown(String variable) {
        return context.environment()
                .get(variable)
                .map(value -> SecretVariables.looksSecret(variable) ? SecretRedactor.mask(value) : value);
    }
}
