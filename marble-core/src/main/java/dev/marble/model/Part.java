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

    /**
     * A content block only one provider understands, kept as that provider sent it (Anthropic's
     * {@code server_tool_use} and {@code web_search_tool_result} blocks): the provider requires it back unchanged in
     * later requests, so it travels with the message, through export, import and resume. The provider named by
     * {@code provider} sends it back exactly; every other provider leaves it out.
     *
     * @param provider the provider that sent it and alone may receive it, e.g. {@code anthropic}
     * @param block    the block, a JSON object exactly as it came
     */
    record ProviderBlock(String provider, JsonNode block) implements Part {
        public ProviderBlock {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(block, "block");
            block = block.deepCopy();
        }

        /** Whether the block belongs to {@code name}'s wire format. */
        public boolean of(String name) {
            return provider.equals(name);
        }
    }
}
