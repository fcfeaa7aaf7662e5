package dev.marble.testkit;

import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The checks the real Messages API makes that a client is likely to get wrong, with the real API's messages.
 * Returns the problem, or {@code null} for a valid request.
 */
final class AnthropicValidator {

    String problem(RawRequest request, JsonNode body) {
        if (request.header("anthropic-version") == null) {
            return "anthropic-version: header is required";
        }
        if (body == null || !body.isObject()) {
            return "There was an error parsing the body of your request: the body must be a JSON object";
        }
        if (!body.path("model").isString()) {
            return "model: Field required";
        }
        JsonNode maxTokens = body.path("max_tokens");
        if (!maxTokens.isIntegralNumber()) {
            return "max_tokens: Field required";
        }
        if (maxTokens.asLong() < 1) {
            return "max_tokens: Input should be greater than or equal to 1";
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray()) {
            return "messages: Field required";
        }
        if (messages.isEmpty()) {
            return "messages: at least one message is required";
        }
        for (int i = 0; i < messages.size(); i++) {
            String problem = shape(messages.get(i), "messages." + i);
            if (problem != null) {
                return problem;
            }
        }
        return pairing(messages);
    }

    private static String shape(JsonNode message, String where) {
        String role = Json.string(message, "role");
        if (!"user".equals(role) && !"assistant".equals(role)) {
            return where + ".role: Input should be 'user' or 'assistant'";
        }
        JsonNode content = message.path("content");
        if (!content.isString() && !content.isArray()) {
            return where + ".content: Input should be a valid string or a valid list";
        }
        for (int b = 0; b < content.size(); b++) {
            if (!content.get(b).path("type").isString()) {
                return where + ".content." + b + ".type: Field required";
            }
        }
        return null;
    }

    /**
     * Every tool_use must be answered by a tool_result in the very next message (a user message), and every
     * tool_result must answer a tool_use of the message just before it.
     */
    private static String pairing(JsonNode messages) {
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if ("assistant".equals(Json.string(message, "role"))) {
                Set<String> unanswered = ids(message, "tool_use", "id");
                JsonNode next = i + 1 < messages.size() ? messages.get(i + 1) : null;
                if (next != null && "user".equals(Json.string(next, "role"))) {
                    unanswered.removeAll(ids(next, "tool_result", "tool_use_id"));
                }
                if (!unanswered.isEmpty()) {
                    return "messages." + i + ": `tool_use` ids were found without `tool_result` blocks immediately "
                            + "after: " + String.join(", ", unanswered) + ". Each `tool_use` block must have a "
                            + "corresponding `tool_result` block in the next message.";
                }
            } else {
                Set<String> orphans = ids(message, "tool_result", "tool_use_id");
                if (i > 0 && "assistant".equals(Json.string(messages.get(i - 1), "role"))) {
                    orphans.removeAll(ids(messages.get(i - 1), "tool_use", "id"));
                }
                if (!orphans.isEmpty()) {
                    return "messages." + i + ".content: unexpected `tool_use_id` found in `tool_result` blocks: "
                            + String.join(", ", orphans) + ". Each `tool_result` block must have a corresponding "
                            + "`tool_use` block in the previous message.";
                }
            }
        }
        return null;
    }

    private static Set<String> ids(JsonNode message, String blockType, String idField) {
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode block : Json.elements(message, "content")) {
            if (blockType.equals(Json.string(block, "type"))) {
                ids.add(String.valueOf(Json.string(block, idField)));
            }
        }
        return ids;
    }
}
