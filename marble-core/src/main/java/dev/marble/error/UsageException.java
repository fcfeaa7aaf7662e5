package dev.marble.error;

/** The user asked for something that cannot be done as asked: a bad flag, a missing file, a blank prompt. */
public class UsageException extends MarbleException {

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
