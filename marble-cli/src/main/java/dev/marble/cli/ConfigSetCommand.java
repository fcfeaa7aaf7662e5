package dev.marble.cli;

import dev.marble.json.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code marble config set KEY VALUE [--global]}: one setting written into a configuration file, checked first. */
@Command(
        name = "set",
        description = {
            "Set one setting in marble.json (--global: the user's config.json).",
            "The value is checked against the configuration schema before the file is written; the file's other keys"
                    + " and its layout stay as they are. Lists take a JSON array or comma-separated words; objects take"
                    + " JSON."
        },
        footer = {
            "  marble config set retry.max_attempts 5",
            "  marble config set default_model sonnet --global",
            "  marble config set sandbox bwrap",
            "  marble config set approvals.allow 'read_file,run_command(git status*)'"
        })
final class ConfigSetCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(
            index = "0",
            paramLabel = "KEY",
            description = "A key as 'marble config' lists it, e.g. retry.max_attempts or aliases.fast.")
    String key;

    @Parameters(
            index = "1",
            paramLabel = "VALUE",
            description = "Its value, e.g. 5, true, openai:gpt-4.1, [\"Read\",\"Write\"].")
    String value;

    @Option(names = "--global", description = "Write the user's config.json instead of the project's marble.json.")
    boolean global;

    ConfigSetCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ConfigKey configKey = ConfigKey.parse(key);
        JsonNode parsed = configKey.value(value);
        ConfigFile file = ConfigFile.of(context, global);
        file.write(file.withValue(file.read(), configKey, Json.write(parsed)), configKey);
        context.out().println(configKey.name() + " = " + Json.write(parsed) + " in " + file.path());
        ConfigGetCommand.overriddenBy(configKey, context)
                .ifPresent(variable ->
                        context.err().println("marble: note: " + variable + " is set and overrides it here"));
        return ExitCodes.OK;
    }
}
