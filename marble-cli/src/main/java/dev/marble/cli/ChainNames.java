package dev.marble.cli;

import dev.marble.error.UsageException;
import java.nio.file.Path;

/** A chain's name as the commands that take one accept it: NAME, NAME.json or a path to the file. */
final class ChainNames {

    private ChainNames() {}

    static String of(String argument) {
        String name = Path.of(argument).getFileName().toString();
        if (name.endsWith(".json")) name = name.substring(0, name.length() - ".json".length());
        if (name.isBlank() || name.startsWith(".")) throw new UsageException("'" + argument + "' is not a chain name");
        return name;
    }
}
