package dev.marble.provider.http;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
    void retryAfterAsSecondsMillisecondsOrDate() {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        assertThat(RetryAfter.parse("2", now)).hasMillis(2000);
        assertThat(RetryAfter.parse("0.5", now)).hasMillis(500);
        assertThat(RetryAfter.parse("Sat, 21 Nov 2026 10:00:30 GMT", now)).hasSeconds(30);
        assertThat(RetryAfter.parse("soon", now)).isNull();
        var headers = java.net.http.HttpHeaders.of(java.util.Map.of("retry-after-ms", List.of("1500"),
                "retry-after", List.of("9")), (a, b) -> true);
        assertThat(RetryAfter.parse(headers, now)).hasMillis(1500);
    }
}
