package dev.marble.testkit;

import java.util.List;

/**
 * One message as a fake read it off its own wire format.
 *
 * @param role {@code user}, {@code assistant} or {@code tool} (OpenAI only; Anthropic carries tool results in
 *             {@code user} messages, and so does this record)
 * @param text the text parts joined with a newline; empty, never null, when there are none
 */
public record SeenMessage(String role, String text, List<FakeToolCall> toolCalls, List<SeenToolResult> toolResults) {
    public SeenMessage {
        text = text == null ? "" : text;
        toolCalls = List.copyOf(toolCalls);
        toolResults = List.copyOf(toolResults);
    }
}
