package dev.marble.provider.anthropic;

import dev.marble.error.ModelException;
import dev.marble.json.Json;
import dev.marble.model.Part;
import dev.marble.model.StopReason;
import dev.marble.model.Usage;
import dev.marble.provider.http.SseEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reading the pieces of a Messages API answer that the whole and the streamed form share. */
final class AnthropicWire {

    /** The name {@link Part.ProviderBlock}s of this wire format carry. */
    static final String BLOCKS = "anthropic";

    private AnthropicWire() {}

    static StopReason stopReason(String wire) {
        if (wire == null) return StopReason.OTHER;
        return switch (wire) {
            case "end_turn" -> StopReason.END_TURN;
            case "tool_use" -> StopReason.TOOL_USE;
            case "max_tokens" -> StopReason.MAX_TOKENS;
            case "stop_sequence" -> StopReason.STOP_SEQUENCE;
            case "refusal" -> StopReason.REFUSAL;
            case "pause_turn" -> StopReason.PAUSED;
            default -> StopReason.OTHER;
        };
    }

    /** Usage as the API reports it: input_tokens already excludes cache reads and writes. */
    static Usage usage(JsonNode usage) {
        return new Usage(
                Json.count(usage, "input_tokens"),
                Json.count(usage, "output_tokens"),
                Json.count(usage, "cache_read_input_tokens"),
                Json.count(usage, "cache_creation_input_tokens"));
    }

    /** Streamed usage arrives in parts: message_delta's fields, where present, replace message_start's. */
    static Usage merge(Usage start, JsonNode delta) {
        return new Usage(
                delta.has("input_tokens") ? Json.count(delta, "input_tokens") : start.inputTokens(),
                delta.has("output_tokens") ? Json.count(delta, "output_tokens") : start.outputTokens(),
                delta.has("cache_read_input_tokens")
                        ? Json.count(delta, "cache_read_input_tokens")
                        : start.cacheReadTokens(),
                delta.has("cache_creation_input_tokens")
                        ? Json.count(delta, "cache_creation_input_tokens")
                        : start.cacheWriteTokens());
    }

    /**
     * A whole content block; null for kinds Marble does not model. Server tool blocks are kept as they came, since
     * the API wants them back unchanged in later requests (a paused turn goes on from them).
     */
    static Part part(JsonNode block) {
        if (AnthropicServerTools.isUse(block) || AnthropicServerTools.isResult(block))
            return new Part.ProviderBlock(BLOCKS, block);
        return switch (Json.text(block, "type", "")) {
            case "text" -> new Part.Text(Json.text(block, "text", ""));
            case "tool_use" ->
                new Part.ToolCall(Json.text(block, "id", ""), Json.text(block, "name", ""), block.path("input"));
            case "thinking" ->
                new Part.Reasoning(Json.text(block, "thinking", ""), Json.text(block, "signature"), null);
            case "redacted_thinking" -> new Part.Reasoning("", null, Json.text(block, "data", ""));
            default -> null;
        };
    }

    /** The error an {@code error} event or body describes, as a {@link ModelException} of the right kind. */
    static ModelException streamError(JsonNode event) {
        JsonNode error = event.path("error");
        String type = Json.text(error, "type", "error");
        String message = Json.text(error, "message", "");
        ModelException.Kind kind = switch (type) {
            case "overloaded_error" -> ModelException.Kind.OVERLOADED;
            case "rate_limit_error" -> ModelException.Kind.RATE_LIMITED;
            case "api_error", "timeout_error" -> ModelException.Kind.SERVER_ERROR;
            case "authentication_error", "permission_error" -> ModelException.Kind.AUTHENTICATION;
            case "not_found_error" -> ModelException.Kind.NOT_FOUND;
            default -> ModelException.Kind.BAD_REQUEST;
        };
        return new ModelException(kind, "stream error " + type + ": " + message);
    }

    static JsonNode parse(String json, String what) {
        try {
            return Json.parse(json);
        } catch (JacksonException e) {
            throw invalid(what, e);
        }
    }

    /** As {@link #parse(String, String)}, naming the event only when it fails: this runs for every event. */
    static JsonNode parse(String json, SseEvent event) {
        try {
            return Json.parse(json);
        } catch (JacksonException e) {
            throw invalid("stream event '" + event.event() + "'", e);
        }
    }

    private static ModelException invalid(String what, JacksonException e) {
        return new ModelException(
                ModelException.Kind.INVALID_RESPONSE,
                "invalid JSON in " + what + ": " + firstLine(e.getOriginalMessage()),
                null,
                null,
                e);
    }

    private static String firstLine(String text) {
        if (text == null) return "";
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
