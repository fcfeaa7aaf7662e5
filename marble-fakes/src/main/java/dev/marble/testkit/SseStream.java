package dev.marble.testkit;

import java.util.List;

/**
 * A streamed answer as the wire carries it: each element is one complete SSE event, sent as one chunk.
 *
 * @param closingEvents how many events at the end mark the answer as finished (Anthropic message_delta and
 *                      message_stop; OpenAI the finish_reason chunk, the usage chunk, {@code [DONE]}): the faults
 *                      that break a stream never send those
 */
record SseStream(List<String> events, int closingEvents) {
    SseStream {
        events = List.copyOf(events);
        if (closingEvents < 0 || closingEvents >= events.size()) {
            throw new IllegalArgumentException(
                    "a stream needs an opening before its " + closingEvents + " closing events");
        }
    }

    /** The first half of the events, never any closing one: what a broken stream sends before it breaks. */
    List<String> opening() {
        int half = (events.size() + 1) / 2;
        return events.subList(0, Math.max(1, Math.min(half, events.size() - closingEvents)));
    }
}
