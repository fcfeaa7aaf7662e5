package dev.marble.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    private static List<SseEvent> read(String text) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        try (SseReader reader = new SseReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            for (SseEvent e = reader.next(); e != null; e = reader.next()) events.add(e);
        }
        return events;
    }

    @Test
    void readsTheFieldsTheSpecDefines() throws IOException {
        List<SseEvent> events = read(": comment\nevent: ping\ndata: {}\n\ndata: a\ndata:b\nid: 7\nretry: 5\n\n");
        assertThat(events).containsExactly(new SseEvent("ping", "{}", null), new SseEvent("message", "a\nb", "7"));
    }

    @Test
    void handlesCrLfAndDropsAnEventCutOffByTheEnd() throws IOException {
        assertThat(read("data: one\r\n\r\ndata: cut")).containsExactly(new SseEvent("message", "one", null));
    }

    @Test
    void anEmptyDataLineIsAnEventWithEmptyData() throws IOException {
        assertThat(read("id: 1\ndata:\n\n")).containsExactly(new SseEvent("message", "", "1"));
    }

    @Test
    void anEmptyEventTypeIsAMessage() throws IOException {
        assertThat(read("event:\ndata: x\n\n")).containsExactly(new SseEvent("message", "x", null));
    }

    // Moved from marble-mcp's own reader when the two were merged: what MCP's streamable HTTP needs.

    private static SseReader reader(String text) {
        return new SseReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPrimingEventCarriesAnIdAndARetryButNoData() throws IOException {
        SseReader sse = reader("id: prime-1\nretry: 500\ndata: \n\nevent: message\nid: 2\ndata: {\"a\":1}\n\n");
        SseEvent priming = sse.next();
        assertThat(priming.data()).isEmpty();
        assertThat(priming.id()).isEqualTo("prime-1");
        assertThat(sse.retryMillis()).isEqualTo(500);
        SseEvent message = sse.next();
        assertThat(message).isEqualTo(new SseEvent("message", "{\"a\":1}", "2"));
        assertThat(sse.next()).isNull();
        assertThat(sse.lastEventId()).isEqualTo("2");
    }

    @Test
    void joinsDataLinesAndReadsEveryLineEnding() throws IOException {
        SseReader sse = reader(": a comment\r\ndata:first\r\ndata: second\r\n\r\nevent: other\rdata: x\r\r");
        assertThat(sse.next()).isEqualTo(new SseEvent("message", "first\nsecond", null));
        assertThat(sse.next()).isEqualTo(new SseEvent("other", "x", null));
        assertThat(sse.next()).isNull();
    }

    @Test
    void keepsTheLastIdAcrossEventsAndIgnoresBadRetriesAndIdsWithNul() throws IOException {
        SseReader sse = reader("id: 7\ndata: a\n\nretry: soon\nid: bad\0id\ndata: b\n\ndata: unfinished");
        assertThat(sse.next().id()).isEqualTo("7");
        assertThat(sse.next().id()).isEqualTo("7");
        assertThat(sse.retryMillis()).isNull();
        assertThat(sse.next())
                .as("an event the stream never finished is not dispatched")
                .isNull();
    }

    @Test
    void retryAfterAsSecondsMillisecondsOrDate() {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        assertThat(RetryAfter.parse("2", now)).hasMillis(2000);
        assertThat(RetryAfter.parse("0.5", now)).hasMillis(500);
        assertThat(RetryAfter.parse("Sat, 21 Nov 2026 10:00:30 GMT", now)).hasSeconds(30);
        assertThat(RetryAfter.parse("soon", now)).isNull();
        var headers =
                HttpHeaders.of(Map.of("retry-after-ms", List.of("1500"), "retry-after", List.of("9")), (a, b) -> true);
        assertThat(RetryAfter.parse(headers, now)).hasMillis(1500);
    }
}
