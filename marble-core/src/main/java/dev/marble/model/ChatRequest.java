package dev.marble.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One call's input: instructions, the conversation so far, the tools on offer, options, and the
 * deadline of the run the call belongs to ({@link Deadline#NONE} when it has none).
 */
public record ChatRequest(
        String system, List<Message> messages, List<ToolSpec> tools, ChatOptions options, Deadline deadline) {

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        options = Objects.requireNonNullElse(options, ChatOptions.DEFAULTS);
        deadline = Objects.requireNonNullElse(deadline, Deadline.NONE);
        if (messages.isEmpty()) throw new IllegalArgumentException("a request needs at least one message");
    }

    public ChatRequest(String system, List<Message> messages, List<ToolSpec> tools, ChatOptions options) {
        this(system, messages, tools, options, Deadline.NONE);
    }

    public static ChatRequest of(String system, String userText) {
        return new ChatRequest(system, List.of(Message.user(userText)), List.of(), ChatOptions.DEFAULTS);
    }

    public ChatRequest withOptions(ChatOptions newOptions) {
        return new ChatRequest(system, messages, tools, newOptions, deadline);
    }

    public ChatRequest withDeadline(Deadline newDeadline) {
        return new ChatRequest(system, messages, tools, options, newDeadline);
    }

    /**
     * The time one attempt at this call may take: the request's own timeout, else the provider's
     * {@code providerDefault}, shortened to what is left of the deadline. Null only when neither the
     * request, the provider nor a deadline sets a limit.
     */
    public Duration attemptTimeout(Duration providerDefault) {
        return deadline.clip(options.timeout() != null ? options.timeout() : providerDefault);
    }
}
