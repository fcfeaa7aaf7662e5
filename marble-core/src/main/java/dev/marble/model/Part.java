package dev.marble.model;

import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * One piece of a message. The set is closed: every provider maps exactly these kinds to and from
 * its wire format, so an agent run never has to know which provider it talks to.
 */
public sealed interface Part {

    record Text(String text) implements Part {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The model asks for a tool; {@code arguments} is the JSON object the model produced. */
    record ToolCall(String id, String name, JsonNode arguments) implements Part {
        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            arguments = arguments == null ? JsonNodeFactory.instance.objectNode() : arguments;
        }
    }

    /** The answer to a {@link ToolCall}; an error result is shown to the model, not thrown. */
    record ToolResult(String toolCallId, String content, boolean isError) implements Part {
        public ToolResult {
            Objects.requireNonNull(toolCallId, "toolCallId");
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * Thinking the model showed. {@code signature} (Anthropic) and {@code redactedData} (Anthropic's
     * redacted thinking) are opaque and must be sent back unchanged, so they survive export, import
     * and resume with the part that carries them.
     */
    record Reasoning(String text, String signature, String redactedData) implements Part {
        public Reasoning {
            text = text == null ? "" : text;
        }

        public boolean redacted() {
            return redactedData != null;
        }
    }

    /** A file given to the model: an image or a document, base64 on the wire. */
    record Attachment(String mediaType, String name, byte[] data) implements Part {
        public Attachment {
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(data, "data");
        }
    }
}
