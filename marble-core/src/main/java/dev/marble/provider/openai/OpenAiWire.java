package dev.marble.provider.openai;

import dev.marble.error.ModelException;
import dev.marble.json.Json;
import dev.marble.model.StopReason;
import dev.marble.model.Usage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reading the pieces of a Chat Completions answer that the whole and the streamed form share. */
final class OpenAiWire {

    private OpenAiWire() {}

    static StopReason stopReason(String wire) {
        if (wire == null) return StopReason.OTHER;
        return switch (wire) {
            case "stop" -> StopReason.END_TURN;
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "length" -> StopReason.MAX_TOKENS;
            case "content_filter" -> StopReason.REFUSAL;
            default -> StopReason.OTHER;
        };
    }

    /**
     * OpenAI counts cached tokens inside {@code prompt_tokens}; Marble's input count excludes them,
     * so the two providers' usage adds up and prices the same way.
     */
    static Usage usage(JsonNode usage) {
        long prompt = Json.count(usage, "prompt_tokens");
        long cached = Json.count(usage.path("prompt_tokens_details"), "cached_tokens");
        return new Usage(Math.max(0, prompt - cached), Json.count(usage, "completion_tokens"), cached, 0);
    }

    /** Text of reasoning that compatible servers (vLLM, Ollama, DeepSeek) put beside the content. */
    static String reasoning(JsonNode messageOrDelta) {
        String text = Json.text(messageOrDelta, "reasoning_content");
        return text != null ? text : Json.text(messageOrDelta, "reasoning");
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

    /** Arguments arrive as a JSON string; a model that writes broken JSON gets it back as a string field. */
    static JsonNode arguments(String text) {
        if (text == null || text.isBlank()) return Json.object();
        try {
            JsonNode node = Json.parse(text);
            return node.isObject() ? node : wrap(text);
        } catch (JacksonException e) {
            return wrap(text);
        }
    }

    private static JsonNode wrap(String text) {
        var node = Json.object();
        node.put("_unparsed_arguments", text);
        return node;
    }

    static ModelException streamError(JsonNode error) {
        String type = Json.text(error, "type", Json.text(error, "code", "error"));
        String message = Json.text(error, "message", "");
        ModelException.Kind kind = type.contains("rate")
                ? ModelException.Kind.RATE_LIMITED
                : type.contains("server") || type.contains("overload")
                        ? ModelException.Kind.SERVER_ERROR
                        : ModelException.Kind.BAD_REQUEST;
        return new ModelException(kind, "stream error " + type + ": " + message);
    }
}
