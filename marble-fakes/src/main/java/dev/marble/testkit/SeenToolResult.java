package dev.marble.testkit;

/**
 * A tool result as a fake read it off the wire. {@code isError} is always false for OpenAI, whose wire has no
 * such flag.
 */
public record SeenToolResult(String toolCallId, String content, boolean isError) {}
