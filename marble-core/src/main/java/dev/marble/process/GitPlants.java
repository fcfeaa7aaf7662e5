package dev.marble.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files git obeys ({@link BwrapCommand#RUN_LATER}) that a sandboxed command added to the workspace's git folders.
 * Those that existed are read-only in the sandbox, but a mount can only cover what exists: a new {@code commondir} in
 * {@code .git} would send the user's next {@code git status} to a config of the command's making, and a new
 * submodule folder's {@code config} would be read when git looks into that submodule. Once the command and
 * everything it started have ended (nothing of it runs any more, so nothing can put them back), the ones it added are
 * deleted. A repository the command made itself where there was none ({@code git init}) is its own, like any file it
 * writes, and is left alone.
 */
final class GitPlants {

    private final Set<Path> before;
    private final Set<Path> folders;
    private final Path root;

    private GitPlants(Path root, Set<Path> folders, Set<Path> before) {
        this.root = root;
        this.folders = folders;
        this.before = before;
    }

    /** What the workspace's git folders hold before the command starts. */
    static GitPlants before(Path root) throws IOException {
        GitFolders git = GitFolders.of(root);
        return new GitPlants(root, new HashSet<>(git.folders()), present(git.folders()));
    }

    /**
     * Deletes what the command added: a {@link BwrapCommand#RUN_LATER} file in a git folder that existed, or in a new
     * git folder under one. Returns what it deleted.
     */
    List<Path> sweep() {
        List<Path> deleted = new ArrayList<>();
        if (folders.isEmpty()) return deleted;
        try {
            for (Path file : present(GitFolders.of(root).folders())) {
                if (before.contains(file) || !underKnown(file) || ownWorktree(file)) continue;
                Unlinked.delete(file);
                deleted.add(file);
            }
        } catch (IOException e) {
            // What cannot be looked at cannot be swept; the mounts held what existed.
        }
        return deleted;
    }

    /** A worktree's {@code commondir} as {@code git worktree add} writes it: it leads back to the user's own config. */
    private boolean ownWorktree(Path file) {
        Path folder = file.getParent();
        if (!file.getFileName().toString().equals("commondir")
                || !folder.getParent().getFileName().toString().equals("worktrees")
                || !folders.contains(folder.getParent().getParent())) return false;
        try {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && Files.size(file) < 64
                    && Files.readString(file).strip().equals("../..");
        } catch (IOException e) {
            return false;
        }
    }

    private boolean underKnown(Path file) {
        for (Path folder : folders) if (file.startsWith(folder)) return true;
        return false;
    }

    private static Set<Path> present(List<Path> folders) {
        Set<Path> present = new HashSet<>();
        for (Path folder : folders) {
            for (String name : BwrapCommand.RUN_LATER) {
                Path path = folder.resolve(name);
                if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) present.add(path);
            }
        }
        return present;
    }
}
