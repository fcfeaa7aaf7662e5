package dev.marble.tool.builtin;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * git's own files: a {@code .git} folder and everything in it (at any depth: a nested repository, a submodule's
 * {@code .git/modules/NAME/config}), and a {@code .git} file (the pointer a worktree or submodule has instead, which
 * sends git to a folder named in it). git obeys them by itself at the person's next {@code git status}, with the
 * person's rights: {@code core.fsmonitor}, a hook, a filter or {@code core.pager} in a config run a command, and a
 * pointer rewritten to a folder the agent made leads git to a config of the agent's. Creating a {@code .git} is
 * refused too, since a made-up one works the same way from the folder it lies in; {@code git init} through the
 * command tool, under its own rules, stays the way to make a repository.
 *
 * <p>A name counts as {@code .git} the way git itself reads it on the file systems it guards against: without regard
 * to case, with the characters macOS's HFS+ ignores left out, with trailing dots and spaces dropped (Windows), and
 * as Windows' short name {@code GIT~1}.
 */
final class GitFiles {

    private GitFiles() {}

    /**
     * What {@code real} is to git when it lies in a {@code .git}, or is one, else empty.
     *
     * @param realRoot the workspace's real location; folders above it play no part
     * @param real     a real location (through links), inside the workspace or not
     */
    static Optional<String> role(Path realRoot, Path real) {
        Path base = real.startsWith(realRoot) ? realRoot : real.getRoot();
        Path relative = base.relativize(real);
        int count = relative.getNameCount();
        for (int i = 0; i < count; i++) {
            if (!isDotGit(relative.getName(i).toString())) continue;
            return Optional.of(
                    i == count - 1
                            ? "git's own .git (a folder or the pointer to one), whose settings run commands at the next"
                                    + " git call"
                            : "in git's own folder .git/ (its config and hooks run commands at the next git call)");
        }
        return Optional.empty();
    }

    /** Whether git would take {@code name} for {@code .git}. */
    static boolean isDotGit(String name) {
        StringBuilder kept = new StringBuilder();
        name.codePoints().filter(c -> !ignoredByHfs(c)).forEach(kept::appendCodePoint);
        String plain = kept.toString().toLowerCase(Locale.ROOT);
        int end = plain.length();
        while (end > 0 && (plain.charAt(end - 1) == '.' || plain.charAt(end - 1) == ' ')) end--;
        plain = plain.substring(0, end);
        return plain.equals(".git") || plain.equals("git~1");
    }

    /** The code points HFS+ leaves out when it compares names (git's own list, in is_hfs_dotgit). */
    private static boolean ignoredByHfs(int c) {
        return (c >= 0x200c && c <= 0x200f)
                || (c >= 0x202a && c <= 0x202e)
                || (c >= 0x206a && c <= 0x206f)
                || c == 0xfeff;
    }
}
