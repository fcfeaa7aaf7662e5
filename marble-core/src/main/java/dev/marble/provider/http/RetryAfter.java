package dev.marble.provider.http;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads how long a server asks us to wait: {@code retry-after-ms} (OpenAI and Anthropic send it),
 * else {@code Retry-After} as seconds or as an HTTP date (RFC 9110 allows both).
 */
public final class RetryAfter {

    private RetryAfter() {}

    public static Duration parse(HttpHeaders headers, Instant now) {
        var millis = headers.firstValue("retry-after-ms");
        if (millis.isPresent()) {
            try {
                double value = Double.parseDouble(millis.get().trim());
                if (value >= 0) return Duration.ofMillis((long) value);
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        return headers.firstValue("retry-after").map(v -> parse(v, now)).orElse(null);
    }

    static Duration parse(String value, Instant now) {
        String text = value.trim();
        try {
            double seconds = Double.parseDouble(text);
            return seconds < 0 ? null : Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(now, at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
