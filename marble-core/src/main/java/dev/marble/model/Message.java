package dev.marble.model;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** A role and its parts, in order. */
public record Message(Role role, List<Part> parts) {

    public Message {
        Objects.requireNonNull(role, "role");
        parts = List.copyOf(parts);
    }

    public static Message user(String text) {
        return new Message(Role.USER, List.of(new Part.Text(text)));
    }

    public static Message assistant(String text) {
        return new Message(Role.ASSISTANT, List.of(new Part.Text(text)));
    }

    /** The text parts joined, without reasoning or tool traffic. */
    public String text() {
        return parts.stream()
                .filter(Part.Text.class::isInstance)
                .map(part -> ((Part.Text) part).text())
                .collect(Collectors.joining());
    }

    public List<Part.ToolCall> toolCalls() {
        return parts.stream()
                .filter(Part.ToolCall.class::isInstance)
                .map(Part.ToolCall.class::cast)
                .toList();
    }

    public boolean hasToolCalls() {
        return parts.stream().anyMatch(Part.ToolCall.class::isInstance);
    }
}
