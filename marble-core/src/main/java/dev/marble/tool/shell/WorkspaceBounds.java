package dev.marble.tool.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether paths a command writes lie in the workspace, resolved as the kernel will: component by
 * component, through every symbolic link, so {@code link/../x} is judged where {@code link} really
 * points. A command line may change directory ({@code cd sub && …}); every directory it may then be in
 * is remembered and a path must be inside from each of them.
 *
 * <p>This is a check at approval time. A command whose earlier part creates a link that a later part
 * writes through ({@code ln -s /etc e; echo x > e/f}) is judged before the link exists; that is why
 * {@code ln} pointing outside is itself a hazard (see {@link ProgramHazards}).
 */
public final class WorkspaceBounds {

    private static final int MAX_LINKS = 40;

    private final Path realRoot;
    private final List<Path> directories = new ArrayList<>();

    public WorkspaceBounds(Path workspace) {
        Path root = workspace.toAbsolutePath().normalize();
        Path real;
        try {
            real = root.toRealPath();
        } catch (IOException e) {
            real = root;
        }
        this.realRoot = real;
        directories.add(real);
    }

    /** Whether {@code path}, as written in the command, lies inside the workspace from every directory the command may
     * be in. */
    public boolean inside(String path) {
        if (path.isEmpty()) return false;
        for (Path directory : directories) {
            Path real = resolve(directory, path);
            if (real == null || !real.startsWith(realRoot)) return false;
        }
        return true;
    }

    /** After {@code cd path} (already found inside): later paths may be relative to it as well. */
    public void mayChangeTo(String path) {
        List<Path> next = new ArrayList<>();
        for (Path directory : directories) {
            Path real = resolve(directory, path);
            if (real != null && !next.contains(real)) next.add(real);
        }
        for (Path path1 : next) if (!directories.contains(path1)) directories.add(path1);
    }

    public Path root() {
        return realRoot;
    }

    /** The real location of {@code given} from {@code directory}; null when it cannot be told. */
    private static Path resolve(Path directory, String given) {
        try {
            return walk(Path.of(given).isAbsolute() ? Path.of("/") : directory, Path.of(given), 0);
        } catch (InvalidPathException | IOException e) {
            return null;
        }
    }

    private static Path walk(Path start, Path relative, int links) throws IOException {
        if (links > MAX_LINKS) return null;
        Path real = start;
        for (Path part : relative) {
            String name = part.toString();
            if (name.isEmpty() || name.equals(".")) continue;
            if (name.equals("..")) {
                real = real.getParent() == null ? real : real.getParent();
                continue;
            }
            Path next = real.resolve(name);
            if (Files.isSymbolicLink(next)) {
                Path target = Files.readSymbolicLink(next);
                real = walk(target.isAbsolute() ? Path.of("/") : real, target, links + 1);
                if (real == null) return null;
            } else {
                // Existing or not: a path that does not exist yet is created where it is written.
                real = Files.exists(next, LinkOption.NOFOLLOW_LINKS) ? next.toRealPath() : next;
            }
        }
        return real;
    }
}
