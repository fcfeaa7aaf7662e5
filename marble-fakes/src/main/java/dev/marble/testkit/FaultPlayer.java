package dev.marble.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Plays a {@link FakeReply.Fault}, the same way for every provider: where a fault sends content, it is the echo
 * reply in the provider's own format, so only the failure itself is unusual.
 */
final class FaultPlayer {
    private static final byte[] NOT_JSON =
            "{\"id\": \"broken\", <html>this is not JSON</html>".getBytes(StandardCharsets.UTF_8);

    private final AnswerWriter writer;

    FaultPlayer(AnswerWriter writer) {
        this.writer = writer;
    }

    void play(FakeReply.Fault fault, FakeReply.Answer echo, SeenRequest request, RawExchange exchange)
            throws IOException {
        Duration delay = fault.delay();
        switch (fault.kind()) {
            case SLOW_HEADERS -> {
                RawExchange.sleep(delay);
                writer.answer(echo, request, exchange);
            }
            case SLOW_BODY -> slowBody(echo, request, exchange, delay);
            case RESET_BEFORE_RESPONSE -> {
                RawExchange.sleep(delay);
                exchange.reset();
            }
            case TRUNCATED_STREAM -> {
                RawExchange.sleep(delay);
                writer.startStream(writer.stream(echo, request).opening(), exchange);
                exchange.cut(); // no terminating 0-chunk: the body is cut, not ended
            }
            case INCOMPLETE_STREAM -> {
                RawExchange.sleep(delay);
                writer.startStream(writer.stream(echo, request).opening(), exchange)
                        .end();
            }
            case INVALID_JSON -> {
                RawExchange.sleep(delay);
                exchange.send(200, writer.jsonHeaders(), NOT_JSON);
            }
            case EMPTY_BODY -> {
                RawExchange.sleep(delay);
                exchange.send(200, writer.jsonHeaders(), new byte[0]);
            }
        }
    }

    /** Stalls after the first event (streamed) or in the middle of the JSON (not streamed). */
    private void slowBody(FakeReply.Answer echo, SeenRequest request, RawExchange exchange, Duration delay)
            throws IOException {
        if (request.stream()) {
            List<String> events = writer.stream(echo, request).events();
            RawExchange.ChunkedBody body = writer.startStream(events.subList(0, 1), exchange);
            RawExchange.sleep(delay);
            for (String event : events.subList(1, events.size())) {
                body.send(event);
            }
            body.end();
        } else {
            byte[] json = writer.json(echo, request);
            exchange.sendWithPause(200, writer.jsonHeaders(), json, json.length / 2, delay);
        }
    }
}
