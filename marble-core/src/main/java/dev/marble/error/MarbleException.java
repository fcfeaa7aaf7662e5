package dev.marble.error;

/**
 * The root of every error Marble reports to a person. Its message is one line that says what went
 * wrong and, where it can, what to do; the command line prints it without a stack trace.
 */
public class MarbleException extends RuntimeException {

    public MarbleException(String message) {
        super(message);
    }

    public MarbleException(String message, Throwable cause) {
        super(message, cause);
    }
}
