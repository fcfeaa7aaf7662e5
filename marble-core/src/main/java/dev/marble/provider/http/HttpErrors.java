package dev.marble.provider.http;

import dev.marble.error.ModelException;
import dev.marble.json.Json;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns an HTTP error answer into a {@link ModelException}. Retryable, as the official SDKs treat
 * them: 408, 409, 429, 5xx and Anthropic's 529 overloaded; an explicit {@code x-should-retry}
 * header overrides the status. The message quotes the error body both APIs send
 * ({@code {"error":{"type"|"code"|"status","message"}}}), shortened.
 */
public final class HttpErrors {

    private static final int MAX_DETAIL = 300;

    private HttpErrors() {}

    public static ModelException fromStatus(int status, HttpHeaders headers, String body) {
        ModelException.Kind kind = kindOf(status);
        String override = headers.firstValue("x-should-retry").orElse("");
        if (override.equalsIgnoreCase("false") && kind.retryable()) kind = ModelException.Kind.BAD_REQUEST;
        if (override.equalsIgnoreCase("true") && !kind.retryable()) kind = ModelException.Kind.SERVER_ERROR;
        Duration retryAfter = RetryAfter.parse(headers, Instant.now());
        return new ModelException(kind, "HTTP " + status + " " + detail(body), status, retryAfter, null);
    }

    static ModelException.Kind kindOf(int status) {
        return switch (status) {
            case 400, 413, 422 -> ModelException.Kind.BAD_REQUEST;
            case 401, 403 -> ModelException.Kind.AUTHENTICATION;
            case 404 -> ModelException.Kind.NOT_FOUND;
            case 408 -> ModelException.Kind.TIMEOUT;
            case 409 -> ModelException.Kind.SERVER_ERROR;
            case 429 -> ModelException.Kind.RATE_LIMITED;
            case 529 -> ModelException.Kind.OVERLOADED;
            default -> status >= 500 ? ModelException.Kind.SERVER_ERROR : ModelException.Kind.BAD_REQUEST;
        };
    }

    /** {@code type: message} from a JSON error body, else the body's first characters. */
    public static String detail(String body) {
        if (body == null || body.isBlank()) return "(empty body)";
        try {
            JsonNode root = Json.parse(body);
            JsonNode error = root.path("error");
            if (error.isObject()) {
                // Google's APIs name the kind in "status" (their "code" is the HTTP status number)
                String type = Json.text(error, "type", Json.text(error, "code", Json.text(error, "status")));
                String message = Json.text(error, "message", "");
                return shorten(type == null ? message : type + ": " + message);
            }
            if (error.isString()) return shorten(error.stringValue());
            String message = Json.text(root, "message");
            if (message != null) return shorten(message);
        } catch (JacksonException notJson) {
            // shown as text below
        }
        return shorten(body.strip().replaceAll("\\s+", " "));
    }

    private static String shorten(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }
}
