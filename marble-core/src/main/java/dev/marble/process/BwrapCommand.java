package dev.marble.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The bubblewrap command line around one command. Mounts are applied in order, each over the ones before, which
 * is why the order below matters:
 * <ol>
 *   <li>the whole file system read-only, a fresh {@code /dev}, {@code /proc} for the new PID namespace, and empty
 *       {@code /tmp}, {@code /dev/shm} and {@code /run} (the last holds sockets such as the SSH agent's and Docker's,
 *       which a read-only mount would still let a command connect to);</li>
 *   <li>secrets that contain the workspace hidden, so the workspace mounted next shows through them;</li>
 *   <li>the workspace read-write, except what git runs by itself later ({@link #gitMounts});</li>
 *   <li>every other secret hidden, those inside the workspace too (the project's journal).</li>
 * </ol>
 * Every capability is dropped: as root, bubblewrap would otherwise keep them, and with them a command could
 * remount what is read-only or hidden.
 */
final class BwrapCommand {

    /**
     * Files in a git folder that git runs or obeys by itself, later, outside the sandbox: a hook, a config setting
     * such as {@code core.fsmonitor} or {@code core.hooksPath}, or a {@code commondir} that sends git to another
     * folder's config, planted here would run with the user's full access at the next {@code git status}. Those that
     * exist stay read-only (commits, branches and diffs do not write them), in the workspace's {@code .git} and in
     * the folders of its submodules ({@code .git/modules/}) and worktrees ({@code .git/worktrees/}).
     */
    static final List<String> RUN_LATER = List.of("hooks", "config", "config.worktree", "commondir");

    private BwrapCommand() {}

    static List<String> argv(Sandbox.Bwrap sandbox, Path workspace, Path home, String marker, List<String> command)
            throws IOException {
        Path root = workspace.toRealPath();
        List<String> argv = new ArrayList<>(List.of(
                sandbox.executable().toString(),
                "--die-with-parent",
                "--new-session",
                "--unshare-pid",
                "--unshare-ipc",
                "--unshare-uts",
                "--unshare-cgroup-try",
                "--cap-drop",
                "ALL"));
        if (sandbox.network().isolated()) argv.add("--unshare-net");
        argv.addAll(List.of(
                "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--tmpfs", "/dev/shm"));
        if (Files.isDirectory(Path.of("/run"))) {
            argv.addAll(List.of("--tmpfs", "/run"));
            // With the network, names must resolve, and /etc/resolv.conf often links into /run (systemd-resolved).
            if (!sandbox.network().isolated())
                resolverUnderRun().ifPresent(dir -> argv.addAll(List.of("--ro-bind", dir.toString(), dir.toString())));
        }
        List<Path> secrets = visibleSecrets(sandbox, root, home);
        for (Path secret : secrets) if (root.startsWith(secret)) hide(argv, secret);
        argv.addAll(List.of("--bind", root.toString(), root.toString()));
        argv.addAll(gitMounts(root));
        for (Path secret : secrets) if (!root.startsWith(secret)) hide(argv, secret);
        argv.addAll(List.of("--setenv", LaunchMarker.VARIABLE, marker, "--chdir", root.toString(), "--"));
        argv.addAll(command);
        return argv;
    }

    /**
     * The mounts that keep the workspace's git from being turned against the user, who runs git there later with
     * full rights. A {@code .git} file (the pointer a worktree or submodule has) is mounted read-only: rewritten, it
     * would send git to a folder of the command's making. A {@code .git} folder, and each folder of a submodule or
     * worktree in it, is mounted onto itself, so that it cannot be renamed away and replaced by a copy with another
     * config (a mount point cannot be moved or deleted), and the {@link #RUN_LATER} files in it are mounted
     * read-only. What the command may still write in it is what commits need: objects, refs, the index, lock files.
     */
    static List<String> gitMounts(Path root) throws IOException {
        GitFolders git = GitFolders.of(root);
        List<String> mounts = new ArrayList<>();
        git.pointer().ifPresent(pointer -> mounts.addAll(List.of("--ro-bind", pointer.toString(), pointer.toString())));
        List<Path> pinned = new ArrayList<>(git.folders());
        pinned.addAll(git.holders());
        // Outer folders first: a mount made later over an outer folder would hide the inner mounts.
        pinned.sort(Comparator.comparingInt(Path::getNameCount));
        for (Path folder : pinned) mounts.addAll(List.of("--bind", folder.toString(), folder.toString()));
        for (Path folder : git.folders()) {
            for (String name : RUN_LATER) {
                Path path = folder.resolve(name);
                if (Files.exists(path, LinkOption.NOFOLLOW_LINKS))
                    mounts.addAll(List.of("--ro-bind", path.toString(), path.toString()));
            }
        }
        return mounts;
    }

    /**
     * The secrets as they are on disk (a symbolic link is followed to what it names, which is what must be
     * hidden), leaving out those that do not exist and those under {@code /tmp} or {@code /run} outside the
     * workspace, which the empty {@code /tmp} and {@code /run} hide already.
     */
    private static List<Path> visibleSecrets(Sandbox.Bwrap sandbox, Path workspace, Path home) {
        List<Path> candidates = new ArrayList<>(sandbox.hidden());
        candidates.addAll(SecretPaths.envFilesAround(workspace, home));
        Set<Path> real = new LinkedHashSet<>();
        for (Path candidate : candidates) {
            if (!Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) continue;
            try {
                Path resolved = candidate.toRealPath();
                boolean privateAlready =
                        (resolved.startsWith("/tmp") || resolved.startsWith("/run")) && !resolved.startsWith(workspace);
                if (!privateAlready) real.add(resolved);
            } catch (IOException e) {
                // a link to nothing hides nothing
            }
        }
        // Outer folders first: a mount inside one hidden later would itself be hidden.
        return real.stream().sorted(Comparator.comparingInt(Path::getNameCount)).toList();
    }

    /** The folder under /run that /etc/resolv.conf leads to, if it leads there. */
    private static Optional<Path> resolverUnderRun() {
        try {
            Path target = Path.of("/etc/resolv.conf").toRealPath();
            return target.startsWith("/run") ? Optional.of(target.getParent()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void hide(List<String> argv, Path secret) {
        if (Files.isDirectory(secret)) {
            argv.addAll(List.of("--tmpfs", secret.toString()));
        } else {
            argv.addAll(List.of("--ro-bind", "/dev/null", secret.toString()));
        }
    }
}
