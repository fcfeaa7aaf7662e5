package dev.marble.temporal.chain;

import dev.marble.process.Unlinked;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code .git} file at the top of a chain's worktree: one line, {@code gitdir: PATH}, that sends git to the
 * worktree's own folder in the clone's {@code .git/worktrees/}. It lies in the link's workspace, so an agent can
 * rewrite it (or put a folder or a link there) to send git to a git folder of its own making, whose {@code config}
 * runs what it likes. The worker never follows it: it finds the worktree's folder from the clone's side (each folder
 * of {@code .git/worktrees/} names the worktree it belongs to in its {@code gitdir} file), names it to git itself,
 * and puts the pointer back when the step changed it, so that the person's own git in that folder is not led astray
 * either.
 */
final class WorktreePointer {

    private static final String PREFIX = "gitdir: ";

    private WorktreePointer() {}

    /** The clone's folder for the worktree at {@code dir}, if the clone has one. */
    static Optional<Path> gitDirOf(Path common, Path dir) {
        Path worktrees = common.resolve("worktrees");
        if (!Files.isDirectory(worktrees, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
        try (Stream<Path> folders = Files.list(worktrees)) {
            List<Path> all = folders.filter(folder -> Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
            for (Path folder : all) {
                Path back = folder.resolve("gitdir");
                if (!Files.isRegularFile(back, LinkOption.NOFOLLOW_LINKS) || Files.size(back) > 4096) continue;
                String named = Files.readString(back).strip();
                if (named.isEmpty()) continue;
                Path pointer = folder.resolve(named).normalize();
                if (pointer.getFileName() != null
                        && pointer.getFileName().toString().equals(".git")
                        && same(pointer.getParent(), dir)) return Optional.of(folder);
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes {@code dir/.git} the file that points at {@code gitDir} again, whatever is there now (a file naming
     * another folder, a folder, a link, nothing). Returns whether it had to.
     */
    static boolean restore(Path dir, Path gitDir) {
        Path pointer = dir.resolve(".git");
        if (pointsAt(pointer, dir, gitDir)) return false;
        try {
            Unlinked.delete(pointer);
            Files.writeString(pointer, PREFIX + gitDir + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    private static boolean pointsAt(Path pointer, Path dir, Path gitDir) {
        try {
            if (!Files.isRegularFile(pointer, LinkOption.NOFOLLOW_LINKS) || Files.size(pointer) > 4096) return false;
            String text = Files.readString(pointer).strip();
            if (!text.startsWith(PREFIX)) return false;
            // Spelled as the worker or git spells it, never through a link of the agent's that could move later.
            Path named = dir.resolve(text.substring(PREFIX.length()).strip()).normalize();
            return named.equals(gitDir.toAbsolutePath().normalize()) || named.equals(gitDir.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    /** The same place, spelled alike or (when both exist) through links: git writes real paths. */
    private static boolean same(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) return true;
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
