package dev.marble.cli;

import dev.marble.json.Json;
import tools.jackson.databind.JsonNode;

/** One journaled event as a few words for {@code marble logs --run}. */
final class EventSummary {

    private static final int SHORT = 100;

    private EventSummary() {}

    static String of(JsonNode e) {
        return switch (Json.text(e, "type", "")) {
            case "run_started" -> Json.text(e, "model", "") + " \"" + shorten(Json.text(e, "goal", "")) + "\"";
            case "turn_started" -> "turn " + e.path("turn").asInt();
            case "model_call_finished" ->
                Json.text(e, "model", "") + ", "
                        + e.path("usage").path("input_tokens").asLong() + " in / "
                        + e.path("usage").path("output_tokens").asLong() + " out, "
                        + e.path("latency_ms").asLong() + " ms";
            case "model_call_failed" -> shorten(Json.text(e, "error", ""));
            case "tool_called" -> Json.text(e, "tool", "") + " " + shorten(Json.write(e.path("arguments")));
            case "approval_requested" -> Json.text(e, "tool", "") + ": " + Json.text(e, "reason", "");
            case "approval_decided" ->
                Json.text(e, "tool", "") + " " + (e.path("allowed").asBoolean() ? "allowed" : "DENIED") + " by "
                        + Json.text(e, "decided_by", "") + ": " + Json.text(e, "reason", "");
            case "tool_returned" ->
                Json.text(e, "tool", "")
                        + (e.path("is_error").asBoolean() ? " ERROR " : " ok ")
                        + shorten(Json.text(e, "content", "").replace('\n', ' '));
            case "attempt_failed" ->
                Json.text(e, "model", "") + " #" + e.path("attempt").asInt() + ": " + Json.text(e, "error", "");
            case "run_finished" ->
                Json.text(e, "ending", "") + ": " + Json.text(e, "detail", "") + " ("
                        + Words.count(e.path("turns").asInt(), "turn") + ")";
            default -> "";
        };
    }

    private static String shorten(String text) {
        return text.length() <= SHORT ? text : text.substring(0, SHORT) + "…";
    }
}
