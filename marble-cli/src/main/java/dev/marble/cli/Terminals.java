package dev.marble.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard input and output are terminals. Java 21 has no isatty; on Linux the file
 * descriptor links in /proc say, elsewhere the presence of a console is the best guess.
 */
final class Terminals {

    private Terminals() {}

    static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.isSymbolicLink(link)) {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException e) {
                return System.console() != null;
            }
        }
        return System.console() != null;
    }
}
