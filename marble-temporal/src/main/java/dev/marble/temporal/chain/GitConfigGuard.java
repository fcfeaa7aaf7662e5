package dev.marble.temporal.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The files of the worker's clone that git takes its settings from, held to what the worker saw when it first took a
 * chain in git mode. Several settings run a command ({@code core.fsmonitor}, {@code core.sshCommand}, a filter or
 * textconv driver, {@code gpg.program}, ...), and the worker's git runs with the worker's rights, outside any
 * sandbox: a link's agent that could write one of these files (an unsandboxed one, or one whose workspace reaches the
 * clone's {@code .git}) would have its command run at the worker's next {@code git add}. The configuration as the
 * worker found it is the user's own and trusted (git-lfs filters, credential helpers stay as they are); a change
 * after that is refused, never run: the worker cannot tell the user's edit from an agent's.
 *
 * <p>Held: the clone's {@code config}, {@code config.worktree} and {@code commondir} (which would send git to another
 * folder's {@code config}), the same in every submodule's folder under {@code modules/}, and every file those include
 * ({@code include.path}, {@code includeIf}). In a chain's own worktree folder under {@code worktrees/}, which the
 * worker made: {@code commondir} must lead back to the clone, and there is no {@code config.worktree} (the worker
 * never makes one).
 */
final class GitConfigGuard {

    /** Names in a git folder that say where git's configuration comes from. */
    private static final List<String> CONFIG_NAMES = List.of("config", "config.worktree", "commondir");

    private static final String ABSENT = "absent";

    private final Path common;
    private final Set<Path> named;
    private volatile Map<Path, String> seen;

    /**
     * @param gitDir   the clone's own git folder ({@code git rev-parse --absolute-git-dir})
     * @param common   the clone's common git folder (the same unless the clone is itself a linked worktree)
     * @param included the files the clone's own configuration includes, as {@code git config --show-origin} lists them
     */
    GitConfigGuard(Path gitDir, Path common, List<Path> included) {
        this.common = common;
        Set<Path> files = new LinkedHashSet<>();
        for (Path folder : List.of(common, gitDir)) {
            for (String name : CONFIG_NAMES) files.add(folder.resolve(name));
        }
        files.addAll(included);
        this.named = Set.copyOf(files);
        this.seen = read();
    }

    /**
     * Takes the files as they are now as the truth: only right after the worker's own git call that may write them
     * ({@code git worktree add}), with {@link #verify} just before it.
     */
    void retake() {
        seen = read();
    }

    /** Refuses (non-retryable) when a held file changed, appeared or went away since the worker saw it. */
    void verify() {
        Map<Path, String> now = read();
        if (now.equals(seen)) return;
        for (Path file : union(now, seen)) {
            if (!now.getOrDefault(file, ABSENT).equals(seen.getOrDefault(file, ABSENT))) {
                throw GitWorkspace.refused("the clone's git configuration " + file + " "
                        + change(seen.getOrDefault(file, ABSENT), now.getOrDefault(file, ABSENT))
                        + " since this worker took its first chain (a link's agent may have written it, and git would"
                        + " run the commands it names with the worker's rights); refusing to run git over it: check"
                        + " the file, then restart the worker to trust it");
            }
        }
    }

    /**
     * Refuses a chain's worktree folder ({@code worktrees/NAME} in the clone's git folder) that would take git's
     * configuration from elsewhere: a {@code commondir} that does not lead back to the clone, or a {@code
     * config.worktree}.
     */
    void verifyWorktree(Path worktreeGitDir) {
        if (!Files.isDirectory(worktreeGitDir, LinkOption.NOFOLLOW_LINKS)
                || !worktreeGitDir.getParent().equals(common.resolve("worktrees"))) {
            throw GitWorkspace.refused("the chain's worktree folder " + worktreeGitDir
                    + " is not a folder of the clone's " + common.resolve("worktrees") + "; refusing to run git in it");
        }
        Path commondir = worktreeGitDir.resolve("commondir");
        try {
            String text = Files.isRegularFile(commondir, LinkOption.NOFOLLOW_LINKS) && Files.size(commondir) < 4096
                    ? Files.readString(commondir).strip()
                    : "";
            Path led = text.isEmpty() ? null : worktreeGitDir.resolve(text).normalize();
            if (led == null || !Files.isSameFile(led, common)) {
                throw GitWorkspace.refused("the chain's worktree file " + commondir + " no longer leads to the clone's "
                        + common + " (a link's agent may have written it, to have git read a configuration of its"
                        + " own); refusing to run git over it: remove the chain's worktree (git worktree remove --force) to"
                        + " start afresh");
            }
        } catch (IOException e) {
            throw GitWorkspace.refused("the chain's worktree file " + commondir + " cannot be read ("
                    + e.getClass().getSimpleName() + "); refusing to run git over it");
        }
        Path own = worktreeGitDir.resolve("config.worktree");
        if (Files.exists(own, LinkOption.NOFOLLOW_LINKS)) {
            throw GitWorkspace.refused("the chain's worktree has a configuration of its own, " + own
                    + ", which the worker never makes (a link's agent may have written it); refusing to run git over"
                    + " it: check and delete the file");
        }
    }

    private Map<Path, String> read() {
        Map<Path, String> files = new TreeMap<>();
        for (Path file : named) files.put(file, digest(file));
        Path modules = common.resolve("modules");
        if (Files.isDirectory(modules, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.walkFileTree(modules, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (CONFIG_NAMES.contains(file.getFileName().toString())) files.put(file, digest(file));
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** The file's SHA-256 as it lies (a link is its target's name, never followed), or {@link #ABSENT}. */
    private static String digest(Path file) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            if (Files.isSymbolicLink(file)) {
                return "link " + Files.readSymbolicLink(file);
            }
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) return ABSENT;
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) return "not a file";
            return HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            return "unreadable (" + e.getClass().getSimpleName() + ")";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String change(String before, String after) {
        if (before.equals(ABSENT)) return "appeared";
        if (after.equals(ABSENT)) return "went away";
        return "changed";
    }

    private static Set<Path> union(Map<Path, String> a, Map<Path, String> b) {
        Set<Path> all = new LinkedHashSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }
}
