package dev.marble.model;

import java.util.List;
import java.util.Objects;

/** One call's input: instructions, the conversation so far, the tools on offer, and options. */
public record ChatRequest(String system, List<Message> messages, List<ToolSpec> tools, ChatOptions options) {

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        options = Objects.requireNonNullElse(options, ChatOptions.DEFAULTS);
        if (messages.isEmpty()) throw new IllegalArgumentException("a request needs at least one message");
    }

    public static ChatRequest of(String system, String userText) {
        return new ChatRequest(system, List.of(Message.user(userText)), List.of(), ChatOptions.DEFAULTS);
    }

    public ChatRequest withOptions(ChatOptions newOptions) {
        return new ChatRequest(system, messages, tools, newOptions);
    }
}
