package dev.marble.mcp.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events as the HTML standard defines them: {@code data:} lines joined by
 * newlines, {@code id:} (kept across events, as the last event id a reconnection sends),
 * {@code retry:} (milliseconds before reconnecting), {@code event:}, comments that start with a
 * colon, and a blank line that ends each event. MCP servers open each stream with a "priming"
 * event: an id (and often a retry) with empty data, which the caller skips but whose id counts.
 */
final class SseReader implements AutoCloseable {

    /** One dispatched event; {@code type} is "message" when the server named none. */
    record Event(String type, String data, String id) {}

    private final BufferedReader in;
    private String lastEventId;
    private Long retryMillis;

    SseReader(InputStream body) {
        this.in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** The id of the last event seen (with or without data); null before any. */
    String lastEventId() {
        return lastEventId;
    }

    /** The server's last {@code retry:} value; null when it sent none. */
    Long retryMillis() {
        return retryMillis;
    }

    /** The next event with data, or null when the stream ends. */
    Event next() throws IOException {
        StringBuilder data = null;
        String type = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(type == null || type.isEmpty() ? "message" : type, data.toString(), lastEventId);
                }
                type = null;
                continue;
            }
            if (line.startsWith(":")) continue;
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) value = value.substring(1);
            switch (field) {
                case "data" -> {
                    if (data == null) data = new StringBuilder(value);
                    else data.append('\n').append(value);
                }
                case "event" -> type = value;
                case "id" -> {
                    if (value.indexOf('\0') < 0) lastEventId = value;
                }
                case "retry" -> {
                    if (!value.isEmpty() && value.chars().allMatch(Character::isDigit) && value.length() < 10) {
                        retryMillis = Long.parseLong(value);
                    }
                }
                default -> { }
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
