package dev.marble.process;

import dev.marble.config.Environment;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The paths a sandboxed command must not see: where people keep keys and tokens, Marble's own configuration and
 * journal, and {@code .env} files around the workspace. A list of usual places, not a search of the disk: a secret
 * kept elsewhere stays readable unless {@code sandbox.hide} names it.
 */
public final class SecretPaths {

    /**
     * Under the home directory: keys, cloud and registry credentials, tool configuration (which holds tokens), and
     * shell and REPL histories (where pasted tokens end up).
     */
    static final List<String> IN_HOME = List.of(
            ".ssh",
            ".aws",
            ".azure",
            ".config",
            ".gnupg",
            ".docker",
            ".kube",
            ".netrc",
            ".git-credentials",
            ".npmrc",
            ".pypirc",
            ".claude",
            ".claude.json",
            ".gradle/gradle.properties",
            ".m2/settings-security.xml",
            ".local/share/keyrings",
            ".password-store",
            ".bash_history",
            ".zsh_history",
            ".python_history",
            ".psql_history",
            ".mysql_history",
            ".node_repl_history");

    private SecretPaths() {}

    /**
     * Home's secrets, Marble's global configuration directory, {@code XDG_CONFIG_HOME}, the project's state
     * directory (the journal), and {@code extra}.
     */
    public static List<Path> of(Environment environment, Path stateDirectory, List<Path> extra) {
        Set<Path> paths = new LinkedHashSet<>();
        for (String name : IN_HOME) paths.add(environment.home().resolve(name));
        paths.add(environment.globalConfigDirectory());
        environment
                .get("XDG_CONFIG_HOME")
                .map(Path::of)
                .filter(Path::isAbsolute)
                .ifPresent(paths::add);
        if (stateDirectory != null) paths.add(stateDirectory);
        paths.addAll(extra);
        return paths.stream().map(path -> path.toAbsolutePath().normalize()).toList();
    }

    /**
     * {@code .env}, {@code .env.*} and {@code .envrc} files directly in {@code home} and in every folder above
     * {@code workspace} (a project's secrets sit beside its sources; the workspace's own stay visible, since the
     * command works there).
     */
    static List<Path> envFilesAround(Path workspace, Path home) {
        Set<Path> files = new LinkedHashSet<>();
        for (Path dir = workspace.getParent(); dir != null; dir = dir.getParent()) files.addAll(envFiles(dir));
        if (!home.equals(workspace)) files.addAll(envFiles(home));
        return new ArrayList<>(files);
    }

    private static List<Path> envFiles(Path dir) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, SecretPaths::isEnvFile)) {
            entries.forEach(found::add);
        } catch (IOException | SecurityException e) {
            // a folder Marble cannot list: its .env files, if any, cannot be named and stay as they are
        }
        return found;
    }

    private static boolean isEnvFile(Path path) {
        String name = path.getFileName().toString();
        return name.equals(".env") || name.startsWith(".env.") || name.equals(".envrc");
    }
}
