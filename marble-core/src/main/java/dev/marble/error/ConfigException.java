package dev.marble.error;

/**
 * A configuration or definition file is malformed. The message names the file, line, column and
 * field, and what was expected there.
 */
public class ConfigException extends MarbleException {

    private final SourceLocation location;

    public ConfigException(SourceLocation location, String problem) {
        super(location + ": " + problem);
        this.location = location;
    }

    public ConfigException(SourceLocation location, String problem, Throwable cause) {
        super(location + ": " + problem, cause);
        this.location = location;
    }

    public SourceLocation location() {
        return location;
    }
}
