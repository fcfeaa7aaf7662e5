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
        // instanceof, not a pattern switch: on JDK 25 each pattern switch makes a class the first time it runs,
        // a few ms of every start that reaches it (docs/performance.md, "Start-up").
        if (part instanceof Part.Text text) return new Part.Text(redactor.redact(text.text()));
        if (part instanceof Part.ToolCall call)
            return new Part.ToolCall(call.id(), call.name(), redactor.redact(call.arguments()));
        if (part instanceof Part.ToolResult result)
            return new Part.ToolResult(result.toolCallId(), redactor.redact(result.content()), result.isError());
        if (part instanceof Part.Reasoning reasoning)
            return new Part.Reasoning(
                    redactor.redact(reasoning.text()), reasoning.signature(), reasoning.redactedData());
        if (part instanceof Part.Attachment attachment) return attachment;
        // A fetched page or a search result can hold a secret like any tool result.
        if (part instanceof Part.ProviderBlock opaque)
            return new Part.ProviderBlock(opaque.provider(), redactor.redact(opaque.block()));
        throw new IllegalArgumentException(
                "not a part Marble knows: " + part.getClass().getName());
    }
}
