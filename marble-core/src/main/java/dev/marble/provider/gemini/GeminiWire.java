package dev.marble.provider.gemini;

import dev.marble.error.ModelException;
import dev.marble.json.Json;
import dev.marble.model.StopReason;
import dev.marble.model.Usage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reading the pieces of a {@code GenerateContentResponse} that the whole and the streamed form share. */
final class GeminiWire {

    /**
     * Ids Marble gives the calls of models that send none (Gemini 2.x): the API matches a response to its call by
     * name and order, and Marble by id, so each call needs one.
     */
    static final String GENERATED_ID_PREFIX = "gemini-call-";

    private GeminiWire() {}

    /**
     * Gemini says {@code STOP} also when the answer ends in function calls, so calls decide {@code TOOL_USE}. The
     * filters' reasons ({@code SAFETY}, {@code RECITATION}, {@code BLOCKLIST}, ...) are refusals; a malformed or
     * unexpected call is {@code OTHER}, as is anything newer than this list.
     */
    static StopReason stopReason(String wire, boolean hasToolCalls) {
        if (hasToolCalls && (wire == null || "STOP".equals(wire))) return StopReason.TOOL_USE;
        if (wire == null) return StopReason.OTHER;
        return switch (wire) {
            case "STOP" -> StopReason.END_TURN;
            case "MAX_TOKENS" -> StopReason.MAX_TOKENS;
            case "SAFETY",
                    "RECITATION",
                    "LANGUAGE",
                    "BLOCKLIST",
                    "PROHIBITED_CONTENT",
                    "SPII",
                    "IMAGE_SAFETY",
                    "IMAGE_PROHIBITED_CONTENT",
                    "IMAGE_RECITATION" -> StopReason.REFUSAL;
            default -> StopReason.OTHER;
        };
    }

    /**
     * {@code promptTokenCount} includes the cached tokens and {@code candidatesTokenCount} excludes the thinking,
     * which is billed as output: Marble's input excludes the cache and its output includes the thoughts, so that
     * every provider's usage adds up and prices the same way. Tokens of tool-use prompts are input.
     */
    static Usage usage(JsonNode usage) {
        long prompt = Json.count(usage, "promptTokenCount") + Json.count(usage, "toolUsePromptTokenCount");
        long cached = Json.count(usage, "cachedContentTokenCount");
        long output = Json.count(usage, "candidatesTokenCount") + Json.count(usage, "thoughtsTokenCount");
        return new Usage(Math.max(0, prompt - cached), output, cached, 0);
    }

    static JsonNode parse(String json, String what) {
        try {
            return Json.parse(json);
        } catch (JacksonException e) {
            String message = e.getOriginalMessage() == null
                    ? ""
                    : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new ModelException(
                    ModelException.Kind.INVALID_RESPONSE, "invalid JSON in " + what + ": " + message, null, null, e);
        }
    }

    /** An error object inside a 200 body or stream chunk ({@code {"error": {"code", "message", "status"}}}). */
    static ModelException bodyError(JsonNode error) {
        String status = Json.text(error, "status", "error");
        int code = error.path("code").asInt(0);
        String message = Json.text(error, "message", "").strip().replaceAll("\\s+", " ");
        ModelException.Kind kind = switch (status) {
            case "RESOURCE_EXHAUSTED" -> ModelException.Kind.RATE_LIMITED;
            case "UNAVAILABLE" -> ModelException.Kind.OVERLOADED;
            case "INTERNAL", "UNKNOWN", "DEADLINE_EXCEEDED" -> ModelException.Kind.SERVER_ERROR;
            case "UNAUTHENTICATED", "PERMISSION_DENIED" -> ModelException.Kind.AUTHENTICATION;
            case "NOT_FOUND" -> ModelException.Kind.NOT_FOUND;
            default -> code >= 500 ? ModelException.Kind.SERVER_ERROR : ModelException.Kind.BAD_REQUEST;
        };
        return new ModelException(kind, "stream error " + status + ": " + message);
    }
}
