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
 * @param stdoutIsTerminal a person reads standard output (then answers are streamed as they come)
 */
public record CliContext(Environment environment, InputStream in, PrintStream out, PrintStream err,
                         boolean stdinIsTerminal, boolean stdoutIsTerminal, SecretRedactor redactor) {

    public CliContext(Environment environment, InputStream in, PrintStream out, PrintStream err,
                      boolean stdinIsTerminal, boolean stdoutIsTerminal) {
        this(environment, in, out, err, stdinIsTerminal, stdoutIsTerminal,
                SecretRedactor.fromEnvironment(environment.variables()));
    }
}
