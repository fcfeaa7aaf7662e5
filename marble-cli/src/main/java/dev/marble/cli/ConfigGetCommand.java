package dev.marble.cli;

import dev.marble.config.ConfigLoader;
import dev.marble.config.MarbleConfig;
import dev.marble.json.Json;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** {@code marble config get KEY}: one setting's effective value, for scripts and for people. */
@Command(
        name = "get",
        description = {
            "Print one setting's effective value.",
            "Text as it is, anything else as JSON; nothing when it is not set and has no default. --json adds its"
                    + " default and where it comes from."
        },
        footer = {"  marble config get retry.max_attempts", "  marble config get default_model --json"})
final class ConfigGetCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(
            index = "0",
            paramLabel = "KEY",
            description = "A key as 'marble config' lists it, e.g. retry.max_attempts.")
    String key;

    /** {"key", "value", "default", "source"}. */
    @Mixin
    JsonOption json;

    ConfigGetCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ConfigKey configKey = ConfigKey.parse(key);
        MarbleConfig config = ConfigLoader.load(context.environment());
        ConfigValue value = ConfigValue.of(config, configKey);
        if (json.enabled()) {
            ObjectNode out = Json.object();
            out.put("key", configKey.name());
            out.set("value", value.value());
            out.set("default", configKey.defaultJson());
            out.put("source", value.source());
            context.out().println(Json.write(out));
        } else if (value.value() == null) {
            context.err().println("marble: " + configKey.name() + " is not set and has no default");
        } else {
            context.out().println(value.value().isString() ? value.value().stringValue() : Json.write(value.value()));
        }
        return ExitCodes.OK;
    }

    /** The environment variable that overrides {@code key} here, if one does (MARBLE_MODEL over default_model). */
    static Optional<String> overriddenBy(ConfigKey key, CliContext context) {
        return ConfigValue.overriddenBy(ConfigLoader.load(context.environment()), key);
    }
}
