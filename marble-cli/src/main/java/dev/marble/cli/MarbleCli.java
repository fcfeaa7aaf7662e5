package dev.marble.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.List;

/**
 * Builds the command tree (the part of it the arguments name, {@link CommandTree}) and runs it. Errors of every kind end here as one line on standard
 * error, secrets removed, with the exit code from {@link ExitCodes}; a stack trace only with
 * {@code --debug}.
 */
public final class MarbleCli {

    private MarbleCli() {}

    public static int run(CliContext context, String... args) {
        CommandLine commandLine = configure(CommandTree.forArguments(new CommandFactory(context), List.of(args)), context);
        return commandLine.execute(args);
    }

    private static CommandLine configure(CommandLine commandLine, CliContext context) {
        // Colours only at a terminal, decided as Marble decides it: picocli's own test asks the JDK's console.
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(
                context.stdoutIsTerminal() ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF));
        commandLine.setOut(new PrintWriter(context.out(), true));
        commandLine.setErr(new PrintWriter(context.err(), true));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((failure, cmd, parseResult) -> {
            report(context, failure, debug(parseResult));
            return ExitCodes.of(failure);
        });
        commandLine.setParameterExceptionHandler((failure, args) -> {
            CommandLine cmd = failure.getCommandLine();
            context.err().println("marble: " + redact(context, failure.getMessage()) + " (see '"
                    + cmd.getCommandSpec().qualifiedName() + " --help')");
            return ExitCodes.USAGE;
        });
        return commandLine;
    }

    static void report(CliContext context, Throwable failure, boolean debug) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (ExitCodes.of(failure) == ExitCodes.INTERNAL) {
            message = "internal error: " + failure.getClass().getName() + ": " + message
                    + (debug ? "" : " (run again with --debug for details, and report it)");
        }
        context.err().println("marble: error: " + redact(context, message.lines().findFirst().orElse(message)));
        if (debug) {
            java.io.StringWriter trace = new java.io.StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            context.err().print(redact(context, trace.toString()));
        }
    }

    private static boolean debug(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult current = parseResult;
        while (current != null) {
            if (current.hasMatchedOption("--debug")) return true;
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
