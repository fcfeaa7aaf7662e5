package dev.marble.testkit;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code GenerateContentRequest} into a {@link SeenRequest}, leniently. The {@code model} role reads as
 * {@code assistant}, as the other fakes name it; thought parts are not text; a {@code functionResponse} becomes a
 * {@link SeenToolResult} whose content is the response's {@code output} (or {@code error}, which marks it an
 * error) when that is a string, else the response as JSON. A call or a response without an id reads with its id
 * null. Whether it streams comes from the path ({@code :streamGenerateContent}), not the body.
 */
final class GeminiRequestReader {

    SeenRequest read(RawRequest request, JsonNode body) {
        List<String> system = new ArrayList<>();
        for (JsonNode part : GeminiFields.elements(GeminiFields.get(body, "systemInstruction"), "parts")) {
            String text = GeminiFields.string(part, "text");
            if (text != null) {
                system.add(text);
            }
        }
        List<SeenMessage> messages = new ArrayList<>();
        for (JsonNode content : GeminiFields.elements(body, "contents")) {
            messages.add(message(content));
        }
        List<String> toolNames = new ArrayList<>();
        for (JsonNode tool : GeminiFields.elements(body, "tools")) {
            for (JsonNode declaration : GeminiFields.elements(tool, "functionDeclarations")) {
                String name = GeminiFields.string(declaration, "name");
                if (name != null) {
                    toolNames.add(name);
                }
            }
        }
        return new SeenRequest(
                request.method(),
                request.path(),
                request.headers(),
                body,
                request.path().endsWith(":streamGenerateContent"),
                system.isEmpty() ? null : String.join("\n", system),
                messages,
                toolNames);
    }

    private static SeenMessage message(JsonNode content) {
        String role = GeminiFields.string(content, "role");
        List<String> texts = new ArrayList<>();
        List<FakeToolCall> calls = new ArrayList<>();
        List<SeenToolResult> results = new ArrayList<>();
        for (JsonNode part : GeminiFields.elements(content, "parts")) {
            JsonNode thought = GeminiFields.get(part, "thought");
            String text = GeminiFields.string(part, "text");
            JsonNode call = GeminiFields.get(part, "functionCall");
            JsonNode response = GeminiFields.get(part, "functionResponse");
            if (text != null && !(thought != null && thought.asBoolean(false))) {
                if (!text.isEmpty()) {
                    texts.add(text);
                }
            } else if (call != null && call.isObject()) {
                JsonNode args = GeminiFields.get(call, "args");
                String name = GeminiFields.string(call, "name");
                calls.add(new FakeToolCall(
                        GeminiFields.string(call, "id"),
                        name == null ? "" : name,
                        args == null ? "{}" : Json.text(args)));
            } else if (response != null && response.isObject()) {
                results.add(result(response));
            }
        }
        String seenRole = "model".equals(role) ? "assistant" : role == null ? "user" : role;
        return new SeenMessage(seenRole, String.join("\n", texts), calls, results);
    }

    private static SeenToolResult result(JsonNode functionResponse) {
        JsonNode response = GeminiFields.get(functionResponse, "response");
        String id = GeminiFields.string(functionResponse, "id");
        if (response != null && response.path("error").isString()) {
            return new SeenToolResult(id, response.path("error").asString(), true);
        }
        if (response != null && response.path("output").isString()) {
            return new SeenToolResult(id, response.path("output").asString(), false);
        }
        return new SeenToolResult(
                id, response == null ? "" : Json.text(response), response != null && response.has("error"));
    }
}
