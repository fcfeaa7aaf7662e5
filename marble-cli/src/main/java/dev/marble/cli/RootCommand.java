package dev.marble.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code marble}: prints help when given no command. Its commands are in {@link CommandTree}. */
@Command(name = "marble",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Long, unattended LLM agent work with real guardrails.",
        footer = {"", "Exit codes: 0 ok, 1 model failed, 2 usage error, 3 bad configuration, 4 no model,",
                "6 stopped by a limit (turns, budget, time), 7 chain already running, 130 interrupted."})
final class RootCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--debug", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Show stack traces with errors.")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
