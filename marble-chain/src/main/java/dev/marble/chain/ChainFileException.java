package dev.marble.chain;

import dev.marble.error.ConfigException;
import dev.marble.error.SourceLocation;

/**
 * A chain file, or a prompt it names, is wrong: {@code file:line:column: field: expected ...}.
 * Nothing has run when this is thrown; the command line maps it to exit code 3, as every malformed
 * definition or configuration file.
 */
public class ChainFileException extends ConfigException {

    public ChainFileException(SourceLocation location, String problem) {
        super(location, problem);
    }

    public ChainFileException(SourceLocation location, String problem, Throwable cause) {
        super(location, problem, cause);
    }

    /** The same problem, found by the shared configuration readers, as a chain-file error. */
    public static ChainFileException of(ConfigException e) {
        if (e instanceof ChainFileException chainError) return chainError;
        return new ChainFileException(e.location(), problemOf(e), e);
    }

    /** The message without its location prefix: what was wrong. */
    public static String problemOf(ConfigException e) {
        String prefix = e.location() + ": ";
        String message = e.getMessage();
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
