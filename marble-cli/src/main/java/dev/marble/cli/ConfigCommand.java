package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.config.ConfigSchema;
import dev.marble.config.MarbleConfig;
import dev.marble.config.ProjectLocator;
import dev.marble.config.Setting;
import dev.marble.config.Shape;
import dev.marble.json.Json;
import dev.marble.secret.SecretRedactor;
import dev.marble.secret.SecretVariables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code marble config}: every effective setting and where it came from (a file and line, an
 * environment variable, or the default), the files read, and the credentials found, masked.
 */
@Command(name = "config", description = "Show the effective settings and where each came from.",
        footer = {
                "  marble config",
                "  marble config --json"})
final class ConfigCommand implements Callable<Integer> {

    /** Environment variables that matter to Marble; secret ones are shown masked. */
    private static final List<String> VARIABLES = List.of("MARBLE_MODEL", "ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN",
            "ANTHROPIC_BASE_URL", "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENROUTER_API_KEY", "OLLAMA_HOST",
            "XDG_CONFIG_HOME");

    private final CliContext context;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    ConfigCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (Marble marble = Marble.start(context.environment(), context.err()::println, context.redactor())) {
            MarbleConfig config = marble.config();
            ObjectNode settings = Json.object();
            collect(config, ConfigSchema.ROOT, "", settings);
            if (json) printJson(marble, settings);
            else printText(marble, settings);
            return ExitCodes.OK;
        }
    }

    /** Walks the schema: one entry per known key (and per user key under aliases, providers, pricing). */
    private void collect(MarbleConfig config, Shape.Fields fields, String prefix, ObjectNode out) {
        for (Shape.Field field : fields.fields().values()) {
            String path = prefix + field.name();
            switch (field.shape()) {
                case Shape.Fields nested -> collect(config, nested, path + ".", out);
                case Shape.MapOf ignored -> config.entries(path).forEach((key, setting) -> out.set(path + "." + key, entry(setting)));
                default -> config.find(path).ifPresent(setting -> out.set(path, entry(setting)));
            }
        }
    }

    private static ObjectNode entry(Setting<JsonNode> setting) {
        ObjectNode node = Json.object();
        node.set("value", setting.value());
        node.put("source", setting.source());
        return node;
    }

    private void printText(Marble marble, ObjectNode settings) {
        var out = context.out();
        out.println("Settings (most specific wins: environment, project marble.json, global config.json, default):");
        Table table = new Table("  ", "KEY", "VALUE", "FROM");
        settings.forEachEntry((key, node) -> table.row(key, Json.write(node.get("value")), node.path("source").asString()));
        table.print(out);
        out.println();
        out.println("Environment:");
        Table env = new Table("  ", "VARIABLE", "VALUE");
        for (String name : VARIABLES) env.row(name, shown(name));
        env.print(out);
        out.println();
        out.println("Files:");
        Table files = new Table("  ", "WHAT", "PATH", "STATE");
        Path global = context.environment().globalConfigDirectory().resolve("config.json");
        Path project = marble.config().projectRoot().resolve(ProjectLocator.PROJECT_FILE);
        files.row("global config", global.toString(), Files.isRegularFile(global) ? "read" : "none");
        files.row("project config", project.toString(), Files.isRegularFile(project) ? "read" : "none");
        Path journal = marble.stateDirectory().resolve(dev.marble.store.Journal.FILE_NAME);
        files.row("journal", journal.toString(), Files.isRegularFile(journal) ? "exists" : "created on first call");
        files.print(out);
        if (!marble.config().warnings().isEmpty()) {
            out.println();
            out.println("Warnings:");
            marble.config().warnings().forEach(w -> out.println("  " + w));
        }
    }

    private void printJson(Marble marble, ObjectNode settings) {
        ObjectNode root = Json.object();
        root.set("settings", settings);
        ObjectNode env = root.putObject("environment");
        for (String name : VARIABLES) env.put(name, shown(name));
        ObjectNode files = root.putObject("files");
        files.put("global", context.environment().globalConfigDirectory().resolve("config.json").toString());
        files.put("project", marble.config().projectRoot().resolve(ProjectLocator.PROJECT_FILE).toString());
        files.put("journal", marble.stateDirectory().resolve(dev.marble.store.Journal.FILE_NAME).toString());
        var warnings = root.putArray("warnings");
        marble.config().warnings().forEach(w -> warnings.add(w.toString()));
        context.out().println(Json.write(root));
    }

    private String shown(String variable) {
        String value = context.environment().get(variable).orElse(null);
        if (SecretVariables.looksSecret(variable)) return SecretRedactor.mask(value);
        return value == null ? "(not set)" : value;
    }
}
