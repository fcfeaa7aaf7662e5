package dev.marble.provider.claudecode;

import dev.marble.json.Json;
import dev.marble.model.StreamListener;
import dev.marble.model.Usage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads the CLI's {@code --output-format stream-json} lines: {@code system/init} names the session
 * and the model actually used, {@code stream_event} lines carry deltas (with
 * {@code --include-partial-messages}), {@code assistant} lines whole messages, and the last,
 * {@code result}, the answer, this run's cost and usage, and {@code is_error} (which, not the exit code, says
 * whether the call failed: the CLI exits 1 with subtype "success" on API errors).
 */
final class ClaudeStreamJson {

    /** What the {@code result} line said. */
    record Result(
            String text,
            boolean isError,
            Integer apiErrorStatus,
            Double costUsd,
            Usage usage,
            String stopReason,
            String sessionId,
            int turns) {}

    private final StreamListener listener;
    private final boolean partialMessages;
    private String sessionId;
    private String model;
    private Result result;

    ClaudeStreamJson(StreamListener listener, boolean partialMessages) {
        this.listener = listener;
        this.partialMessages = partialMessages;
    }

    void accept(String line) {
        if (line.isBlank() || line.charAt(0) != '{') return;
        JsonNode event;
        try {
            event = Json.parse(line);
        } catch (JacksonException notJson) {
            return; // the CLI prints nothing else on stdout in this mode; tolerate what a newer one might
        }
        switch (Json.text(event, "type", "")) {
            case "system" -> {
                if ("init".equals(Json.text(event, "subtype"))) {
                    sessionId = Json.text(event, "session_id", sessionId);
                    model = Json.text(event, "model", model);
                }
            }
            case "stream_event" -> delta(event.path("event"));
            case "assistant" -> {
                if (!partialMessages) wholeMessage(event.path("message"));
            }
            case "result" -> result = result(event);
            default -> {}
        }
    }

    private void delta(JsonNode streamEvent) {
        if (!"content_block_delta".equals(Json.text(streamEvent, "type"))) return;
        JsonNode delta = streamEvent.path("delta");
        switch (Json.text(delta, "type", "")) {
            case "text_delta" -> listener.onText(Json.text(delta, "text", ""));
            case "thinking_delta" -> listener.onReasoning(Json.text(delta, "thinking", ""));
            default -> {}
        }
    }

    private void wholeMessage(JsonNode message) {
        for (JsonNode block : message.path("content")) {
            if ("text".equals(Json.text(block, "type"))) listener.onText(Json.text(block, "text", ""));
        }
    }

    private static Result result(JsonNode event) {
        JsonNode usage = event.path("usage");
        JsonNode status = event.get("api_error_status");
        return new Result(
                Json.text(event, "result", ""),
                event.path("is_error").asBoolean(false),
                status != null && status.isNumber() ? status.asInt() : null,
                cost(event),
                new Usage(
                        Json.count(usage, "input_tokens"),
                        Json.count(usage, "output_tokens"),
                        Json.count(usage, "cache_read_input_tokens"),
                        Json.count(usage, "cache_creation_input_tokens")),
                Json.text(event, "stop_reason"),
                Json.text(event, "session_id"),
                event.path("num_turns").asInt(0));
    }

    /**
     * What this run cost. {@code total_cost_usd} is the whole session's: a {@code --resume}d run adds the cost of the
     * runs before it (a continue link would count every earlier round again), so the per-model costs of
     * {@code model_usage_since_last_result} (one result per {@code -p} run: this run's) are summed when the CLI
     * sends them, as 2.1 does; an older CLI's total is taken as it is.
     */
    private static Double cost(JsonNode event) {
        JsonNode sinceLast = event.get("model_usage_since_last_result");
        if (sinceLast != null && sinceLast.isObject() && !sinceLast.isEmpty()) {
            double sum = 0;
            boolean reported = false;
            for (JsonNode model : sinceLast) {
                JsonNode cost = model.get("costUSD");
                if (cost != null && cost.isNumber()) {
                    sum += cost.asDouble();
                    reported = true;
                }
            }
            if (reported) return sum;
        }
        JsonNode total = event.get("total_cost_usd");
        return total != null && total.isNumber() ? total.asDouble() : null;
    }

    Result result() {
        return result;
    }

    String sessionId() {
        return sessionId;
    }

    String model() {
        return model;
    }
}
