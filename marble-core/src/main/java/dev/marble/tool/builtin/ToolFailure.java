package dev.marble.tool.builtin;

/**
 * An expected failure of a built-in tool (a path refused, a file missing, a string not unique).
 * Its message is written for the model, which reads it as an error result and should be able to
 * act on it; it carries no stack trace worth showing.
 */
public final class ToolFailure extends RuntimeException {

    public ToolFailure(String message) {
        super(message, null, false, false);
    }
}
