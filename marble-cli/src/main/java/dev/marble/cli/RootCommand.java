package dev.marble.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code marble}: prints help when given no command. Its commands are in {@link CommandTree}. */
@Command(
        name = "marble",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = {
            "Long, unattended LLM agent work with real guardrails.",
            "'marble help COMMAND' (or 'marble COMMAND --help') shows a command's options and examples."
        },
        footer = {
            "  marble pipe -m haiku \"Name three rivers\"",
            "  marble loop --max-turns 10 \"Make the tests in this folder pass\"",
            "  marble chain start nightly --bg",
            "  marble help chain start"
        })
final class RootCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(
            names = "--debug",
            scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Show stack traces with errors.")
    boolean debug;

    /** Inherited, so it is understood before or after any command's name; picocli sets it here either way. */
    @picocli.CommandLine.Option(
            names = "--no-color",
            scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "No colour, even at a terminal (as NO_COLOR=1 does).")
    boolean noColor;

    /** Whether {@code --no-color} was given on the command line of the command {@code spec} describes. */
    static boolean noColor(CommandSpec spec) {
        return spec.root().userObject() instanceof RootCommand root && root.noColor;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
