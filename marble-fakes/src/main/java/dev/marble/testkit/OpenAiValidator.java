package dev.marble.testkit;

import java.util.LinkedHashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The checks the real Chat Completions API makes that a client is likely to get wrong, with the real API's
 * messages (typo in "preceeding" included). Returns the problem, or {@code null} for a valid request.
 */
final class OpenAiValidator {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    String problem(JsonNode body) {
        if (body == null || !body.isObject()) {
            return "We could not parse the JSON body of your request. (HINT: This likely means you aren't using "
                    + "your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was "
                    + "not valid JSON.)";
        }
        if (!body.path("model").isString()) {
            return "you must provide a model parameter";
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray()) {
            return "Missing required parameter: 'messages'.";
        }
        if (messages.isEmpty()) {
            return "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty "
                    + "array instead.";
        }
        boolean streaming = body.path("stream").asBoolean(false);
        if (!streaming
                && body.has("stream_options")
                && !body.get("stream_options").isNull()) {
            return "The 'stream_options' parameter is only allowed when 'stream' is enabled.";
        }
        return toolPairing(messages);
    }

    /**
     * A tool message must answer a call of the latest assistant message with tool_calls, with only tool
     * messages in between; every such call must be answered before any other message (or the end).
     */
    private static String toolPairing(JsonNode messages) {
        Set<String> callable = new LinkedHashSet<>(); // calls a tool message may answer right now
        Set<String> unanswered = new LinkedHashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = Json.string(message, "role");
            if (role == null || !ROLES.contains(role)) {
                return "Invalid value: '" + role + "'. Supported values are: 'system', 'assistant', 'user', "
                        + "'tool', and 'developer'.";
            }
            if (role.equals("tool")) {
                String id = Json.string(message, "tool_call_id");
                if (id == null) {
                    return "Missing parameter 'tool_call_id': messages with role 'tool' must have a 'tool_call_id'.";
                }
                if (!callable.contains(id)) {
                    return "Invalid parameter: messages with role 'tool' must be a response to a preceeding "
                            + "message with 'tool_calls'.";
                }
                unanswered.remove(id);
                continue;
            }
            if (!unanswered.isEmpty()) {
                return unansweredProblem(unanswered);
            }
            callable.clear();
            for (JsonNode call : Json.elements(message, "tool_calls")) {
                callable.add(String.valueOf(Json.string(call, "id")));
            }
            if (!role.equals("assistant")) {
                callable.clear();
            }
            unanswered.addAll(callable);
        }
        return unanswered.isEmpty() ? null : unansweredProblem(unanswered);
    }

    private static String unansweredProblem(Set<String> unanswered) {
        return "An assistant message with 'tool_calls' must be followed by tool messages responding to each "
                + "'tool_call_id'. The following tool_call_ids did not have response messages: "
                + String.join(", ", unanswered);
    }
}
