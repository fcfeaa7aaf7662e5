package dev.marble.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code marble config unset KEY [--global]}: a setting removed from a configuration file, so its default applies. */
@Command(
        name = "unset",
        description = {
            "Remove one setting from marble.json (--global: the user's config.json).",
            "The next file down, or the default, applies then. The file's other keys and layout stay."
        },
        footer = {"  marble config unset retry.max_attempts", "  marble config unset default_model --global"})
final class ConfigUnsetCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "KEY", description = "A key as 'marble config' lists it.")
    String key;

    @Option(names = "--global", description = "Change the user's config.json instead of the project's marble.json.")
    boolean global;

    ConfigUnsetCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ConfigKey configKey = ConfigKey.parse(key);
        ConfigFile file = ConfigFile.of(context, global);
        Optional<String> edited = file.without(file.read(), configKey);
        if (edited.isEmpty()) {
            context.out().println(configKey.name() + " is not set in " + file.path() + "; nothing to do");
            return ExitCodes.OK;
        }
        file.write(edited.get(), configKey);
        context.out().println(configKey.name() + " removed from " + file.path());
        return ExitCodes.OK;
    }
}
