package dev.marble.cli;

import dev.marble.chain.state.StateDir;
import dev.marble.error.UsageException;
import dev.marble.format.chain.ChainCatalog;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a project's chains live, laid out as llmauto's package directory is, so an llmauto checkout works as one:
 * {@code chains/}, {@code prompts/}, {@code state/}, {@code logs/}. It is {@code -C DIR} when given, else the
 * nearest directory upwards that has a {@code chains/} folder, else the working directory. Links run there.
 */
record ChainHome(Path root) {

    static ChainHome of(CliContext context, Path option) {
        Path cwd = context.environment().workingDirectory().toAbsolutePath().normalize();
        if (option != null) {
            Path root = cwd.resolve(option).normalize();
            if (!Files.isDirectory(root)) throw new UsageException("-C " + option + ": no such folder");
            return new ChainHome(root);
        }
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("chains"))) return new ChainHome(dir);
        }
        return new ChainHome(cwd);
    }

    /**
     * The home of a chain named by a path to its file: the folder above {@code chains/} when the file is in one,
     * so that its prompts, state and logs are the ones beside it.
     */
    ChainHome forFile(Path chainFile) {
        Path folder = chainFile.toAbsolutePath().normalize().getParent();
        if (folder != null
                && folder.getFileName() != null
                && folder.getFileName().toString().equals("chains")
                && !folder.getParent().equals(root)) {
            return new ChainHome(folder.getParent());
        }
        return this;
    }

    ChainCatalog catalog() {
        return new ChainCatalog(root);
    }

    Path stateRoot() {
        return root.resolve("state");
    }

    Path logs() {
        return root.resolve("logs");
    }

    StateDir state(String chain) {
        return StateDir.of(stateRoot(), chain);
    }
}
