package dev.marble.error;

/** No model was named and the machine offers none that Marble could pick by itself. */
public class NoModelException extends MarbleException {
    public NoModelException(String message) {
        super(message);
    }
}
