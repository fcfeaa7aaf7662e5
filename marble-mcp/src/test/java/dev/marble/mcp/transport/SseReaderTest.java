package dev.marble.mcp.transport;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SseReaderTest {

    private static SseReader reader(String text) {
        return new SseReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPrimingEventCarriesAnIdAndARetryButNoData() throws IOException {
        SseReader sse = reader("id: prime-1\nretry: 500\ndata: \n\nevent: message\nid: 2\ndata: {\"a\":1}\n\n");
        SseReader.Event priming = sse.next();
        assertThat(priming.data()).isEmpty();
        assertThat(priming.id()).isEqualTo("prime-1");
        assertThat(sse.retryMillis()).isEqualTo(500);
        SseReader.Event message = sse.next();
        assertThat(message).isEqualTo(new SseReader.Event("message", "{\"a\":1}", "2"));
        assertThat(sse.next()).isNull();
        assertThat(sse.lastEventId()).isEqualTo("2");
    }

    @Test
    void joinsDataLinesAndReadsEveryLineEnding() throws IOException {
        SseReader sse = reader(": a comment\r\ndata:first\r\ndata: second\r\n\r\nevent: other\rdata: x\r\r");
        assertThat(sse.next()).isEqualTo(new SseReader.Event("message", "first\nsecond", null));
        assertThat(sse.next()).isEqualTo(new SseReader.Event("other", "x", null));
        assertThat(sse.next()).isNull();
    }

    @Test
    void keepsTheLastIdAcrossEventsAndIgnoresBadRetriesAndIdsWithNul() throws IOException {
        SseReader sse = reader("id: 7\ndata: a\n\nretry: soon\nid: bad\0id\ndata: b\n\ndata: unfinished");
        assertThat(sse.next().id()).isEqualTo("7");
        assertThat(sse.next().id()).isEqualTo("7");
        assertThat(sse.retryMillis()).isNull();
        assertThat(sse.next()).as("an event the stream never finished is not dispatched").isNull();
    }
}
