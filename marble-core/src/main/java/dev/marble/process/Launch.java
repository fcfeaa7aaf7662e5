package dev.marble.process;

import dev.marble.config.Environment;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One command to start.
 *
 * @param argv        the program and its arguments, passed on as they are (no shell reads them unless argv runs one)
 * @param directory   where it runs; in a sandbox, the one folder it may write
 * @param environment its variables (exactly these), and the home directory whose secrets a sandbox hides
 * @param sandbox     where it runs
 */
public record Launch(List<String> argv, Path directory, Environment environment, Sandbox sandbox) {

    public Launch {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) throw new IllegalArgumentException("a launch needs a program");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(sandbox, "sandbox");
    }
}
