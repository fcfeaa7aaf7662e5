package dev.marble.api;

import dev.marble.error.MarbleException;

/**
 * A {@link DurableEngine} cannot be used: its server does not answer, or the module that runs it is not there. The
 * message names the address (never a credential) or the missing file, and what to do.
 */
public class EngineUnavailableException extends MarbleException {

    public EngineUnavailableException(String message) {
        super(message);
    }

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
