package dev.marble.testkit;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads a Messages API request body into a {@link SeenRequest}, leniently: unknown shapes are skipped. */
final class AnthropicRequestReader {

    SeenRequest read(RawRequest request, JsonNode body) {
        List<SeenMessage> messages = new ArrayList<>();
        for (JsonNode message : Json.elements(body, "messages")) {
            messages.add(message(message));
        }
        List<String> toolNames = new ArrayList<>();
        for (JsonNode tool : Json.elements(body, "tools")) {
            String name = Json.string(tool, "name");
            if (name != null) {
                toolNames.add(name);
            }
        }
        boolean stream = body != null
                && body.path("stream").isBoolean()
                && body.path("stream").asBoolean();
        return new SeenRequest(
                request.method(), request.path(), request.headers(), body, stream, system(body), messages, toolNames);
    }

    /** {@code system} is a string or an array of text blocks. */
    private static String system(JsonNode body) {
        JsonNode system = body == null ? null : body.get("system");
        if (system == null || system.isNull()) {
            return null;
        }
        return system.isString() ? system.asString() : blockText(system);
    }

    private static SeenMessage message(JsonNode message) {
        String role = Json.string(message, "role");
        JsonNode content = message.path("content");
        if (content.isString()) {
            return new SeenMessage(role, content.asString(), List.of(), List.of());
        }
        List<FakeToolCall> calls = new ArrayList<>();
        List<SeenToolResult> results = new ArrayList<>();
        for (JsonNode block : Json.elements(message, "content")) {
            String type = Json.string(block, "type");
            if ("tool_use".equals(type)) {
                calls.add(new FakeToolCall(
                        Json.string(block, "id"),
                        String.valueOf(Json.string(block, "name")),
                        Json.text(block.path("input").isMissingNode() ? Json.object() : block.get("input"))));
            } else if ("tool_result".equals(type)) {
                JsonNode resultContent = block.path("content");
                String text = resultContent.isString() ? resultContent.asString() : blockText(resultContent);
                results.add(new SeenToolResult(
                        Json.string(block, "tool_use_id"),
                        text,
                        block.path("is_error").asBoolean(false)));
            }
        }
        return new SeenMessage(role, blockText(content), calls, results);
    }

    /** The text blocks of a block array, joined with a newline. */
    private static String blockText(JsonNode blocks) {
        StringBuilder text = new StringBuilder();
        if (blocks.isArray()) {
            for (JsonNode block : blocks) {
                if ("text".equals(Json.string(block, "type")) && Json.string(block, "text") != null) {
                    if (!text.isEmpty()) {
                        text.append('\n');
                    }
                    text.append(Json.string(block, "text"));
                }
            }
        }
        return text.toString();
    }
}
