package dev.marble.agent.delegate;

import dev.marble.error.MarbleException;

/** A delegated call that cannot start; the calling model sees the message as the tool's error. */
public final class DelegationException extends MarbleException {

    public DelegationException(String message) {
        super(message);
    }
}
