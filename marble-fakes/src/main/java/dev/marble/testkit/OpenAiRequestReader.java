package dev.marble.testkit;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Chat Completions request body into a {@link SeenRequest}, leniently. System and developer messages
 * become {@link SeenRequest#system()}; a {@code tool} message becomes one {@link SeenToolResult} (its text stays
 * empty, as for an Anthropic tool_result).
 */
final class OpenAiRequestReader {

    SeenRequest read(RawRequest request, JsonNode body) {
        List<String> system = new ArrayList<>();
        List<SeenMessage> messages = new ArrayList<>();
        for (JsonNode message : Json.elements(body, "messages")) {
            String role = Json.string(message, "role");
            String text = text(message.path("content"));
            if ("system".equals(role) || "developer".equals(role)) {
                system.add(text);
            } else if ("tool".equals(role)) {
                messages.add(new SeenMessage(
                        role,
                        "",
                        List.of(),
                        List.of(new SeenToolResult(Json.string(message, "tool_call_id"), text, false))));
            } else {
                messages.add(new SeenMessage(role, text, toolCalls(message), List.of()));
            }
        }
        List<String> toolNames = new ArrayList<>();
        for (JsonNode tool : Json.elements(body, "tools")) {
            String name = Json.string(tool.path("function"), "name");
            if (name == null) {
                name = Json.string(tool.path("custom"), "name");
            }
            if (name != null) {
                toolNames.add(name);
            }
        }
        boolean stream = body != null
                && body.path("stream").isBoolean()
                && body.path("stream").asBoolean();
        return new SeenRequest(
                request.method(),
                request.path(),
                request.headers(),
                body,
                stream,
                system.isEmpty() ? null : String.join("\n", system),
                messages,
                toolNames);
    }

    private static List<FakeToolCall> toolCalls(JsonNode message) {
        List<FakeToolCall> calls = new ArrayList<>();
        for (JsonNode call : Json.elements(message, "tool_calls")) {
            JsonNode function = call.path("function");
            String name = Json.string(function, "name");
            calls.add(new FakeToolCall(
                    Json.string(call, "id"), name == null ? "" : name, Json.string(function, "arguments")));
        }
        return calls;
    }

    /** Content is a string, null, or an array of parts of which the text parts count. */
    private static String text(JsonNode content) {
        if (content.isString()) {
            return content.asString();
        }
        StringBuilder text = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode part : content) {
                String partText = Json.string(part, "text");
                if ("text".equals(Json.string(part, "type")) && partText != null) {
                    if (!text.isEmpty()) {
                        text.append('\n');
                    }
                    text.append(partText);
                }
            }
        }
        return text.toString();
    }
}
