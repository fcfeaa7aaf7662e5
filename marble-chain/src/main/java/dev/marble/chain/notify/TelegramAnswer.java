package dev.marble.chain.notify;

import dev.marble.json.Json;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What the Bot API answered: every answer is {@code {"ok": …}}, and a refusal carries
 * {@code error_code}, {@code description} and, for 429, {@code parameters.retry_after} in seconds.
 * A proxy's HTML page or an empty body is read as a refusal without a description.
 */
record TelegramAnswer(int status, boolean ok, String description, Duration retryAfter) {

    static TelegramAnswer read(JsonPost.Reply reply) {
        JsonNode body = parse(reply.body());
        if (body == null || !body.isObject()) {
            return new TelegramAnswer(reply.status(), false, null, null);
        }
        JsonNode ok = body.get("ok");
        JsonNode parameters = body.get("parameters");
        JsonNode retryAfter = parameters == null ? null : parameters.get("retry_after");
        return new TelegramAnswer(
                reply.status(),
                ok != null && ok.asBoolean(false) && reply.success(),
                Json.text(body, "description"),
                retryAfter != null && retryAfter.isNumber() && retryAfter.asLong() >= 0
                        ? Duration.ofSeconds(retryAfter.asLong())
                        : null);
    }

    /** {@code HTTP 429: Too Many Requests: retry after 5}: the status and Telegram's own words. */
    String summary() {
        return "HTTP " + status
                + (description == null || description.isBlank() ? " (no description)" : ": " + description.strip());
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return Json.parse(text);
        } catch (JacksonException notJson) {
            return null;
        }
    }
}
