package dev.marble.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * Builds the command tree (the part of it the arguments name, {@link CommandTree}) and runs it. Errors of every
 * kind end here as one line on standard error, secrets removed, with the exit code from {@link ExitCodes}; a stack
 * trace only with
 * {@code --debug}. Every command has {@code --help} ({@link HelpLayout}), and {@code marble help CMD [SUB]}.
 */
public final class MarbleCli {

    private MarbleCli() {}

    public static int run(CliContext given, String... args) {
        // .env is read here, once: a file written while the command runs changes nothing in it
        CliContext context = DotEnvStartup.apply(given, args);
        CommandLine commandLine =
                configure(CommandTree.forArguments(new CommandFactory(context), List.of(args)), context);
        return commandLine.execute(args);
    }

    /** Every command, configured as {@link #run} configures the part it builds. */
    static CommandLine commandLine(CliContext context) {
        return configure(CommandTree.whole(new CommandFactory(context)), context);
    }

    private static CommandLine configure(CommandLine commandLine, CliContext context) {
        // Help in colour only where Marble's own output would be (a terminal, no NO_COLOR, TERM not dumb): picocli's
        // own test asks the JDK's console, which costs every start. (--no-color is not parsed yet here.)
        boolean colour = Palette.of(context.stdoutIsTerminal(), context.environment(), false)
                .ansi();
        commandLine.setColorScheme(
                CommandLine.Help.defaultColorScheme(colour ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF));
        commandLine.setOut(new PrintWriter(context.out(), true));
        commandLine.setErr(new PrintWriter(context.err(), true));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((failure, cmd, parseResult) -> {
            report(context, failure, debug(parseResult), errorPalette(context, parseResult));
            return ExitCodes.of(failure);
        });
        commandLine.setParameterExceptionHandler((failure, args) -> {
            Palette palette = errorPalette(context, failure.getCommandLine().getParseResult());
            context.err().println(palette.error("marble:") + " " + redact(context, UsageErrors.describe(failure)));
            return ExitCodes.USAGE;
        });
        HelpLayout.apply(commandLine);
        return commandLine;
    }

    static void report(CliContext context, Throwable failure, boolean debug, Palette palette) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (ExitCodes.of(failure) == ExitCodes.INTERNAL) {
            message = "internal error: " + failure.getClass().getName() + ": " + message
                    + (debug ? "" : " (run again with --debug for details, and report it)");
        }
        context.err()
                .println(palette.error("marble: error:") + " "
                        + TerminalText.err(context)
                                .show(redact(
                                        context, message.lines().findFirst().orElse(message))));
        if (debug) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            context.err().print(TerminalText.err(context).show(redact(context, trace.toString())));
        }
    }

    private static boolean debug(CommandLine.ParseResult parseResult) {
        return matched(parseResult, "--debug");
    }

    /** Errors in red at a terminal, unless --no-color or NO_COLOR says otherwise (a parse error may not know yet). */
    private static Palette errorPalette(CliContext context, CommandLine.ParseResult parseResult) {
        return Palette.of(context.stderrIsTerminal(), context.environment(), matched(parseResult, "--no-color"));
    }

    private static boolean matched(CommandLine.ParseResult parseResult, String option) {
        CommandLine.ParseResult current = parseResult;
        while (current != null) {
            if (current.hasMatchedOption(option)) return true;
            current = current.subcommand();
        }
        return false;
    }

    private static String redact(CliContext context, String text) {
        return context.redactor().redact(text);
    }

    /** Gives every command the context, so none reaches for System.in, System.out or System.getenv. */
    record CommandFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(CliContext.class).newInstance(context);
            } catch (NoSuchMethodException noContext) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
