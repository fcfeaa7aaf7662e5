package dev.marble.tool.builtin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The guard every file tool goes through: turns a path the model gave into one inside the
 * workspace, or refuses it. Relative paths resolve against the root; absolute paths must lie in
 * it; {@code ..} is fine as long as the normalized path stays inside. Because a symbolic link
 * inside the workspace can point anywhere, the real location (through every link, including a
 * dangling one that a write would create) must also lie inside the root's real location.
 *
 * <p>The check and the later file operation are not atomic: a process that swaps a directory for
 * a link in between is not stopped. This guards against a model's mistakes and prompt-injected
 * paths, not against a hostile process on the same machine.
 */
public final class WorkspacePaths {

    /** As many links as Linux follows before giving up with ELOOP. */
    private static final int MAX_LINKS = 40;

    private final Path root;
    private final Path realRoot;

    private WorkspacePaths(Path root, Path realRoot) {
        this.root = root;
        this.realRoot = realRoot;
    }

    /** The guard for one workspace, which must be an existing directory. */
    public static WorkspacePaths of(Path workspace) {
        Path root = workspace.toAbsolutePath().normalize();
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new ToolFailure("the workspace " + root + " does not exist or cannot be read");
        }
        if (!Files.isDirectory(realRoot)) throw new ToolFailure("the workspace " + root + " is not a directory");
        return new WorkspacePaths(root, realRoot);
    }

    /** The workspace root, absolute and normalized (not resolved through links). */
    public Path root() {
        return root;
    }

    /**
     * The absolute, normalized path {@code given} names, which may not exist yet.
     *
     * @throws ToolFailure when it is not a valid path or leads outside the workspace
     */
    public Path resolve(String given) {
        Path candidate = lexical(given);
        Path real = realLocation(candidate, given, 0);
        if (!real.startsWith(realRoot)) {
            throw new ToolFailure("path '" + given + "' leads through a symbolic link to " + real
                    + ", which is outside the workspace " + root);
        }
        return candidate;
    }

    /** {@code path} relative to the root with '/' separators, "." for the root, for messages. */
    public String relative(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path relative;
        if (absolute.startsWith(root)) relative = root.relativize(absolute);
        else if (absolute.startsWith(realRoot)) relative = realRoot.relativize(absolute);
        else return absolute.toString();
        String text = relative.toString().replace(File.separatorChar, '/');
        return text.isEmpty() ? "." : text;
    }

    /**
     * What approval rules match a file tool's path against: the path relative to the workspace
     * when it lies inside it, however it was spelled ({@code ./docs/../docs/a.md} and
     * {@code /work/docs/a.md} both become {@code docs/a.md}), else the absolute path. So a rule
     * such as {@code write_file(secrets/*)} cannot be passed by writing the path another way.
     */
    public static String approvalSubject(String given, Path workspace) {
        if (given == null) return ".";
        try {
            Path root = workspace.toAbsolutePath().normalize();
            Path path = Path.of(given);
            Path absolute = (path.isAbsolute() ? path : root.resolve(path)).normalize();
            if (!absolute.startsWith(root)) return absolute.toString().replace(File.separatorChar, '/');
            String relative = root.relativize(absolute).toString().replace(File.separatorChar, '/');
            return relative.isEmpty() ? "." : relative;
        } catch (InvalidPathException e) {
            return given;
        }
    }

    private Path lexical(String given) {
        Path path;
        try {
            path = Path.of(given.isEmpty() ? "." : given);
        } catch (InvalidPathException e) {
            throw new ToolFailure("path '" + given + "' is not a valid path: " + e.getReason());
        }
        Path candidate = (path.isAbsolute() ? path : root.resolve(path)).normalize();
        if (candidate.startsWith(root)) return candidate;
        // The same place spelled through the root's real location (/private/tmp for /tmp on macOS).
        if (candidate.startsWith(realRoot)) return root.resolve(realRoot.relativize(candidate));
        throw new ToolFailure("path '" + given + "' is outside the workspace " + root);
    }

    /**
     * Where {@code path} really is: the real path of its nearest existing ancestor (or itself),
     * followed by the parts that do not exist yet. A dangling link counts as where its target
     * would be created, since writing through it creates the target.
     */
    private Path realLocation(Path path, String given, int links) {
        Path existing = path;
        Deque<Path> missing = new ArrayDeque<>();
        while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            missing.push(existing.getFileName());
            existing = existing.getParent();
            if (existing == null) return path;
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (NoSuchFileException e) {
            if (!Files.isSymbolicLink(existing)) throw cannotCheck(given, e);
            if (links >= MAX_LINKS) throw new ToolFailure("path '" + given + "' goes through too many symbolic links");
            try {
                real = realLocation(existing.resolveSibling(Files.readSymbolicLink(existing)), given, links + 1);
            } catch (IOException inner) {
                throw cannotCheck(given, inner);
            }
        } catch (IOException e) {
            throw cannotCheck(given, e);
        }
        for (Path name : missing) real = real.resolve(name);
        return real.normalize();
    }

    private static ToolFailure cannotCheck(String given, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ToolFailure("cannot check path '" + given + "': " + reason);
    }
}
