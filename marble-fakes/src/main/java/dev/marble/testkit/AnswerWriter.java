package dev.marble.testkit;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts answers and errors on the wire in a provider's format: one JSON response, or an SSE stream with one chunk
 * per event, as the request asked.
 */
final class AnswerWriter {
    private final WireFormat wire;

    AnswerWriter(WireFormat wire) {
        this.wire = wire;
    }

    /** Waits the answer's delay, then sends it whole. */
    void answer(FakeReply.Answer answer, SeenRequest request, RawExchange exchange) throws IOException {
        RawExchange.sleep(answer.delay());
        if (request.stream()) {
            sendStream(stream(answer, request), exchange);
        } else {
            byte[] json;
            try {
                json = wire.answerJson(answer, request);
            } catch (IllegalArgumentException unexpressible) {
                // A mistake in the test's reply, not in the client: make it visible in the response.
                error(FakeReply.error(500, "api_error", "fake model server: " + unexpressible.getMessage()), exchange);
                return;
            }
            exchange.send(200, jsonHeaders(), json);
        }
    }

    void error(FakeReply.HttpError error, RawExchange exchange) throws IOException {
        Map<String, String> headers = jsonHeaders();
        headers.putAll(error.headers());
        exchange.send(error.status(), headers, wire.errorBody(error));
    }

    SseStream stream(FakeReply.Answer answer, SeenRequest request) {
        return wire.answerStream(answer, request);
    }

    byte[] json(FakeReply.Answer answer, SeenRequest request) {
        return wire.answerJson(answer, request);
    }

    /** Starts a 200 SSE response and sends {@code events}; the caller ends or cuts it. */
    RawExchange.ChunkedBody startStream(List<String> events, RawExchange exchange) throws IOException {
        RawExchange.ChunkedBody body = exchange.startChunked(200, sseHeaders());
        for (String event : events) {
            body.send(event);
        }
        return body;
    }

    Map<String, String> jsonHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.putAll(wire.responseHeaders());
        return headers;
    }

    private void sendStream(SseStream stream, RawExchange exchange) throws IOException {
        startStream(stream.events(), exchange).end();
    }

    private Map<String, String> sseHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "text/event-stream; charset=utf-8");
        headers.put("cache-control", "no-cache");
        headers.putAll(wire.responseHeaders());
        return headers;
    }
}
