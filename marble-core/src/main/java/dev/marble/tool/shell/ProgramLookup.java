package dev.marble.tool.shell;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the file a program name runs, as sh would: a name with a '/' is a path (relative to the
 * working directory), any other is looked up in PATH. Java's own lookup uses Marble's PATH, not the
 * one the command runs with, so a command started without sh is resolved here first.
 */
public final class ProgramLookup {

    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private ProgramLookup() {}

    /** The executable file {@code program} names, or empty when sh would not find one. */
    public static Optional<Path> find(String program, String path, Path workingDirectory) {
        try {
            if (program.contains("/")) {
                Path file = workingDirectory.resolve(program).normalize();
                return executable(file) ? Optional.of(file) : Optional.empty();
            }
            for (String directory : (path == null ? DEFAULT_PATH : path).split(":", -1)) {
                Path file =
                        (directory.isEmpty() ? workingDirectory : workingDirectory.resolve(directory)).resolve(program);
                if (executable(file)) return Optional.of(file);
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean executable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }
}
