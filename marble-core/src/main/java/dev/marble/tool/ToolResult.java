package dev.marble.tool;

import java.util.Objects;

/** What a tool gives back to the model. An error result is shown to the model, not thrown. */
public record ToolResult(String content, boolean isError) {

    public ToolResult {
        Objects.requireNonNull(content, "content");
    }

    public static ToolResult ok(String content) {
        return new ToolResult(content, false);
    }

    public static ToolResult error(String message) {
        return new ToolResult(message, true);
    }
}
