package dev.marble.mcp;

import dev.marble.json.Json;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * What the model reads of a tool result: text content as it is, every other kind of content as a
 * one-line summary ({@code [image image/png, 1234 bytes]}), joined by newlines. Structured content
 * is shown only when there is no other content: the specification asks servers to repeat it as text.
 */
final class ResultText {

    private ResultText() {}

    static String of(McpSchema.CallToolResult result) {
        List<String> parts = new ArrayList<>();
        if (result.content() != null) {
            for (McpSchema.Content content : result.content()) parts.add(render(content));
        }
        if (parts.isEmpty() && result.structuredContent() != null) {
            parts.add(Json.mapper().writeValueAsString(result.structuredContent()));
        }
        return String.join("\n", parts);
    }

    static String render(McpSchema.Content content) {
        return switch (content) {
            case McpSchema.TextContent text -> text.text() == null ? "" : text.text();
            case McpSchema.ImageContent image ->
                "[image " + mime(image.mimeType()) + ", " + decodedSize(image.data()) + " bytes]";
            case McpSchema.AudioContent audio ->
                "[audio " + mime(audio.mimeType()) + ", " + decodedSize(audio.data()) + " bytes]";
            case McpSchema.EmbeddedResource embedded ->
                switch (embedded.resource()) {
                    case McpSchema.TextResourceContents text ->
                        "[resource " + text.uri() + "]\n" + (text.text() == null ? "" : text.text());
                    case McpSchema.BlobResourceContents blob ->
                        "[resource " + blob.uri() + " " + mime(blob.mimeType()) + ", " + decodedSize(blob.blob())
                                + " bytes]";
                    case null -> "[resource]";
                    default -> "[resource " + embedded.resource().uri() + "]";
                };
            case McpSchema.ResourceLink link ->
                "[resource link " + link.uri()
                        + (link.name() == null ? "" : " \"" + link.name() + "\"")
                        + (link.mimeType() == null ? "" : " " + link.mimeType()) + "]";
            default -> "[" + content.type() + " content]";
        };
    }

    private static String mime(String mimeType) {
        return mimeType == null || mimeType.isBlank() ? "of unknown type" : mimeType;
    }

    /** The size base64 text decodes to, without decoding it. */
    static long decodedSize(String base64) {
        if (base64 == null) return 0;
        long chars = 0;
        long padding = 0;
        for (int i = 0; i < base64.length(); i++) {
            char c = base64.charAt(i);
            if (Character.isWhitespace(c)) continue;
            if (c == '=') padding++;
            chars++;
        }
        return chars * 3 / 4 - padding;
    }
}
