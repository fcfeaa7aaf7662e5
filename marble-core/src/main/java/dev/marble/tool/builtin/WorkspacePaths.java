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

    /** The workspace root's real location, through every link ({@code /private/tmp/w} for {@code /tmp/w} on macOS). */
    public Path realRoot() {
        return realRoot;
    }

    /**
     * What approval rules match a file tool's path against: where the path really is, relative to
     * the workspace's real location, however it was spelled. {@code ./docs/../docs/a.md},
     * {@code /work/docs/a.md}, {@code self/docs/a.md} with {@code self -> .}, and the real-path
     * spelling of a workspace given through a link all become {@code docs/a.md}; a path that really
     * lies outside becomes its absolute real location. So neither a deny rule such as
     * {@code write_file(.env*)} nor the reach of an allow rule such as {@code write_file(docs/*)}
     * depends on how the model spells a path. A path that cannot be checked keeps its lexical form:
     * the tool refuses it anyway when it runs.
     *
     * @param followFinalLink false for a call that acts on a link itself (delete_path), true for one
     *                        that acts on what the link points to
     */
    public static String approvalSubject(String given, Path workspace, boolean followFinalLink) {
        if (given == null) return ".";
        try {
            return of(workspace).subject(given, followFinalLink);
        } catch (ToolFailure e) {
            return lexicalSubject(given, workspace);
        }
    }

    /** {@link #approvalSubject(String, Path, boolean)} for a call that acts on what a link points to. */
    public static String approvalSubject(String given, Path workspace) {
        return approvalSubject(given, workspace, true);
    }

    /** {@code given}'s real location relative to the real root ("." for the root), else absolute. */
    String subject(String given, boolean followFinalLink) {
        Path real = real(given, followFinalLink);
        if (!real.startsWith(realRoot)) return slashes(real);
        String relative = slashes(realRoot.relativize(real));
        return relative.isEmpty() ? "." : relative;
    }

    /**
     * Where a call on {@code given} acts: its real location, through every link (also a dangling one,
     * whose target a write creates), or through every link but the last when {@code followFinalLink}
     * is false. The path need not exist, nor lie in the workspace.
     *
     * @throws ToolFailure when it is not a valid path or cannot be checked
     */
    public Path real(String given, boolean followFinalLink) {
        Path candidate = absolute(given);
        Path parent = candidate.getParent();
        if (followFinalLink || parent == null || candidate.equals(root)) return realLocation(candidate, given, 0);
        return realLocation(parent, given, 0).resolve(candidate.getFileName()).normalize();
    }

    private static String lexicalSubject(String given, Path workspace) {
        try {
            Path root = workspace.toAbsolutePath().normalize();
            Path path = Path.of(given);
            Path absolute = (path.isAbsolute() ? path : root.resolve(path)).normalize();
            if (!absolute.startsWith(root)) return slashes(absolute);
            String relative = slashes(root.relativize(absolute));
            return relative.isEmpty() ? "." : relative;
        } catch (InvalidPathException e) {
            return given;
        }
    }

    private static String slashes(Path path) {
        return path.toString().replace(File.separatorChar, '/');
    }

    private Path lexical(String given) {
        Path candidate = absolute(given);
        if (candidate.startsWith(root)) return candidate;
        throw new ToolFailure("path '" + given + "' is outside the workspace " + root);
    }

    /**
     * {@code given} made absolute against the root and normalized; spelled through the root's real
     * location ({@code /private/tmp} for {@code /tmp} on macOS), it is spelled through the root instead.
     */
    private Path absolute(String given) {
        Path path;
        try {
            path = Path.of(given.isEmpty() ? "." : given);
        } catch (InvalidPathException e) {
            throw new ToolFailure("path '" + given + "' is not a valid path: " + e.getReason());
        }
        Path candidate = (path.isAbsolute() ? path : root.resolve(path)).normalize();
        if (!candidate.startsWith(root) && candidate.startsWith(realRoot))
            return root.resolve(realRoot.relativize(candidate));
        return candidate;
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
