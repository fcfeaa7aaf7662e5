package dev.marble.format.program;

import dev.marble.error.ConfigException;
import dev.marble.error.SourceLocation;

/**
 * Linked programs that link back to themselves. Its own type so that the loader passes it up
 * unchanged: the cycle already names every file in it.
 */
public final class ProgramCycleException extends ConfigException {
    public ProgramCycleException(SourceLocation location, String cycle) {
        super(location, "linked programs form a cycle: " + cycle);
    }
}
