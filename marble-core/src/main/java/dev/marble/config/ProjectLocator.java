package dev.marble.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the project a command works in: the nearest directory upwards that holds {@code marble.json}
 * or {@code .marble/}, else the nearest that holds {@code .git}, else the working directory. The
 * project holds {@code marble.json} and the journal under {@code .marble/}.
 */
public final class ProjectLocator {

    public static final String PROJECT_FILE = "marble.json";
    public static final String STATE_DIRECTORY = ".marble";

    private ProjectLocator() {}

    public static Path findRoot(Path workingDirectory) {
        Path start = workingDirectory.toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(PROJECT_FILE)) || Files.isDirectory(dir.resolve(STATE_DIRECTORY))) {
                return dir;
            }
        }
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) return dir;
        }
        return start;
    }
}
