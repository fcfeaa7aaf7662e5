package dev.marble.local;

import dev.marble.error.ModelException;

/**
 * A local model cannot be used as asked: its file is missing or not a GGUF, or a setting is out of
 * range. Nothing a retry can fix, so it is not retried; the message names the file or field.
 */
public final class LocalModelException extends ModelException {

    public LocalModelException(String message) {
        super(Kind.UNAVAILABLE, message);
    }

    public LocalModelException(String message, Throwable cause) {
        super(Kind.UNAVAILABLE, message, null, null, cause);
    }
}
