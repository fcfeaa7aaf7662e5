package dev.marble.cli;

import dev.marble.chain.run.ChainLog;
import dev.marble.chain.state.StateDir;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A chain named on the command line and found as {@code chain start} finds it: its file, its name, and the home
 * (above its {@code chains/} folder) where its state and log are. Every chain command that takes a name finds it
 * so, so a name that is not a chain is refused before anything is read or written.
 */
record NamedChain(ChainHome home, Path file, String name) {

    /**
     * {@code NAME} is {@code chains/NAME.json}; so is {@code NAME.json} unless the working directory has a file of
     * that name; anything with a slash is a path, relative to the working directory.
     */
    static NamedChain find(CliContext context, ChainHome base, String nameOrPath) {
        Path cwd = context.environment().workingDirectory();
        String argument = nameOrPath;
        boolean path = argument.contains("/") || argument.contains("\\");
        if (!path && argument.endsWith(".json") && !Files.isRegularFile(cwd.resolve(argument))) {
            argument = argument.substring(0, argument.length() - ".json".length());
        } else if (path || argument.endsWith(".json")) {
            argument = cwd.resolve(argument).toAbsolutePath().normalize().toString();
        }
        Path file = base.catalog().locate(argument);
        return new NamedChain(
                base.forFile(file), file, ChainNames.of(file.getFileName().toString()));
    }

    StateDir state() {
        return home.state(name);
    }

    Path log() {
        return ChainLog.file(home.logs(), name);
    }
}
