package dev.marble.provider.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Reads server-sent events as the WHATWG spec defines them: fields {@code event}, {@code data} (joined with
 * newlines), {@code id} (kept across events, as the last event id a reconnection sends; one holding NUL is
 * ignored) and {@code retry} (milliseconds before reconnecting); comments ignored; an event ends at a blank
 * line. The model providers and marble-mcp's streamable HTTP transport both read their streams with it; MCP
 * servers open each stream with a "priming" event, an id (and often a retry) with empty data. Hand-written
 * because the JDK has no SSE client and the format is twenty lines of rules; a library would bring its own
 * HTTP stack along.
 */
public final class SseReader implements AutoCloseable {

    private final BufferedReader reader;
    private String lastEventId;
    private Long retryMillis;

    /** How long to wait for a body's end after its last event; see {@link #drain}. */
    static final Duration DRAIN_GRACE = Duration.ofMillis(250);

    public SseReader(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 8192);
    }

    /**
     * Passes each event of {@code body} to {@code answer}'s {@code accept} until it is complete or the
     * stream ends, then reads the body to its end so the connection can be pooled.
     */
    public static <A extends StreamedAnswer> A consume(InputStream body, A answer, Consumer<SseEvent> accept)
            throws IOException {
        SseReader reader = new SseReader(body);
        for (SseEvent event = reader.next(); event != null; event = reader.next()) {
            accept.accept(event);
            if (answer.complete()) break;
        }
        reader.drain(DRAIN_GRACE);
        return answer;
    }

    /** The id of the last event seen (with or without data); null before any. */
    public String lastEventId() {
        return lastEventId;
    }

    /** The server's last valid {@code retry:} value; null when it sent none. */
    public Long retryMillis() {
        return retryMillis;
    }

    /**
     * The next event with data, or null at the end of the stream. An event cut off by the end is dropped; its
     * type is {@code message} when the stream names none.
     */
    public SseEvent next() throws IOException {
        String event = null;
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new SseEvent(
                            event == null || event.isEmpty() ? "message" : event, data.toString(), lastEventId);
                }
                event = null;
                continue;
            }
            if (line.charAt(0) == ':') continue;
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) value = value.substring(1);
            switch (field) {
                case "event" -> event = value;
                case "data" -> {
                    if (data == null) data = new StringBuilder(value.length());
                    else data.append('\n');
                    data.append(value);
                }
                case "id" -> {
                    if (value.indexOf('\0') < 0) lastEventId = value;
                }
                case "retry" -> {
                    if (!value.isEmpty() && value.length() < 10 && value.chars().allMatch(Character::isDigit)) {
                        retryMillis = Long.parseLong(value);
                    }
                }
                default -> {}
            }
        }
        return null;
    }

    /**
     * Reads what is left after the stream's last event, up to its end. Closing a response before its
     * body is fully read makes the JDK discard the connection instead of pooling it, so every streamed
     * call would open a new one; a well-behaved server ends the body right after its last event. The
     * wait is bounded: a server that keeps the stream open costs at most {@code grace}, then its
     * connection.
     */
    public void drain(Duration grace) throws IOException {
        try (CallDeadline bounded = CallDeadline.start(grace)) {
            bounded.onExpiry(() -> {
                try {
                    reader.close();
                } catch (IOException ignored) {
                    // closing is how the wait is cut short
                }
            });
            try {
                while (reader.read() >= 0) {
                    // discard: the answer is complete
                }
            } catch (IOException cutShort) {
                if (!bounded.expired()) throw cutShort;
            }
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
