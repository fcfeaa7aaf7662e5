package dev.marble.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The workspace's own git folders, which git obeys by itself when the user runs it there later: the {@code .git}
 * folder, and in it the folders of submodules ({@code modules/}, at any depth: a submodule at {@code a/b} lies in
 * {@code modules/a/b}) and of worktrees ({@code worktrees/}); or, instead of the folder, a {@code .git} file that
 * points at one elsewhere. A {@code .git} that leads out of the workspace is left out: it is read-only in the sandbox
 * with the rest.
 *
 * @param pointer the {@code .git} file, when {@code .git} is one
 * @param folders every git folder, the {@code .git} folder first
 * @param holders the {@code modules/} and {@code worktrees/} folders, and the folders between them and a git folder
 */
record GitFolders(Optional<Path> pointer, List<Path> folders, List<Path> holders) {

    /** More git folders than a repository has is a folder made to swell the command line: stop there. */
    static final int MOST = 400;

    static GitFolders of(Path root) throws IOException {
        Path dotGit = root.resolve(".git");
        List<Path> folders = new ArrayList<>();
        List<Path> holders = new ArrayList<>();
        if (!Files.exists(dotGit)) return new GitFolders(Optional.empty(), folders, holders);
        Path real = dotGit.toRealPath();
        if (!real.startsWith(root)) return new GitFolders(Optional.empty(), folders, holders);
        if (!Files.isDirectory(real)) return new GitFolders(Optional.of(real), folders, holders);
        folder(real, folders, holders, 0);
        return new GitFolders(Optional.empty(), List.copyOf(folders), List.copyOf(holders));
    }

    private static void folder(Path folder, List<Path> folders, List<Path> holders, int depth) throws IOException {
        count(folders, holders);
        folders.add(folder);
        for (String inner : List.of("modules", "worktrees")) {
            Path holder = folder.resolve(inner);
            if (Files.isDirectory(holder, LinkOption.NOFOLLOW_LINKS)) holder(holder, folders, holders, depth + 1);
        }
    }

    private static void holder(Path holder, List<Path> folders, List<Path> holders, int depth) throws IOException {
        if (depth > 16) return;
        count(folders, holders);
        holders.add(holder);
        List<Path> children;
        try (var list = Files.list(holder)) {
            children = list.filter(child -> Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
        }
        for (Path child : children) {
            if (Files.exists(child.resolve("HEAD"), LinkOption.NOFOLLOW_LINKS)) folder(child, folders, holders, depth);
            else holder(child, folders, holders, depth + 1);
        }
    }

    private static void count(List<Path> folders, List<Path> holders) throws IOException {
        if (folders.size() + holders.size() >= MOST) {
            throw new IOException("the workspace's .git holds more than " + MOST
                    + " git folders to protect; refusing to run the command in the sandbox");
        }
    }
}
