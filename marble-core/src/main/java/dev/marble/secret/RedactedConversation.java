package dev.marble.secret;

import dev.marble.model.Message;
import dev.marble.model.Part;
import java.util.List;

/**
 * A conversation as it may leave the process (an export, a saved chat, a link's conversation file): every
 * text the model or a person wrote, every tool call's arguments and every tool result redacted. Thinking
 * signatures and redacted thinking are opaque ciphertext and stay as they are; attachments are bytes and
 * stay too.
 */
public final class RedactedConversation {

    private RedactedConversation() {}

    public static List<Message> of(List<Message> messages, SecretRedactor redactor) {
        return messages.stream().map(message -> of(message, redactor)).toList();
    }

    public static Message of(Message message, SecretRedactor redactor) {
        return new Message(
                message.role(),
                message.parts().stream().map(part -> of(part, redactor)).toList());
    }

    private static Part of(Part part, SecretRedactor redactor) {
        return switch (part) {
            case Part.Text text -> new Part.Text(redactor.redact(text.text()));
            case Part.ToolCall call -> new Part.ToolCall(call.id(), call.name(), redactor.redact(call.arguments()));
            case Part.ToolResult result ->
                new Part.ToolResult(result.toolCallId(), redactor.redact(result.content()), result.isError());
            case Part.Reasoning reasoning ->
                new Part.Reasoning(redactor.redact(reasoning.text()), reasoning.signature(), reasoning.redactedData());
            case Part.Attachment attachment -> attachment;
            // A fetched page or a search result can hold a secret like any tool result.
            case Part.ProviderBlock opaque ->
                new Part.ProviderBlock(opaque.provider(), redactor.redact(opaque.block()));
        };
    }
}
