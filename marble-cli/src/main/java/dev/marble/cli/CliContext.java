package dev.marble.cli;

import dev.marble.config.Environment;
import dev.marble.secret.SecretRedactor;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * What a command may touch of the outside world, passed in rather than taken from {@link System},
 * so tests run commands in-process with their own environment, input and output.
 *
 * @param stdinIsTerminal  a person types at standard input (then it is not read as a prompt)
 * @param stdoutIsTerminal a person reads standard output (then answers are streamed as they come, headings coloured)
 * @param stderrIsTerminal a person reads standard error (then progress is coloured and a spinner shows waiting)
 */
public record CliContext(
        Environment environment,
        InputStream in,
        PrintStream out,
        PrintStream err,
        boolean stdinIsTerminal,
        boolean stdoutIsTerminal,
        boolean stderrIsTerminal,
        SecretRedactor redactor) {

    public CliContext(
            Environment environment,
            InputStream in,
            PrintStream out,
            PrintStream err,
            boolean stdinIsTerminal,
            boolean stdoutIsTerminal,
            boolean stderrIsTerminal) {
        this(
                environment,
                in,
                out,
                err,
                stdinIsTerminal,
                stdoutIsTerminal,
                stderrIsTerminal,
                SecretRedactor.fromEnvironment(environment.variables()));
    }

    /** Standard error is not a terminal: what tests and embedders that capture output get. */
    public CliContext(
            Environment environment,
            InputStream in,
            PrintStream out,
            PrintStream err,
            boolean stdinIsTerminal,
            boolean stdoutIsTerminal) {
        this(environment, in, out, err, stdinIsTerminal, stdoutIsTerminal, false);
    }
}
