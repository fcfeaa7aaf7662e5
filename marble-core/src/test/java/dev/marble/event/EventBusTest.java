package dev.marble.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Subscribing and unsubscribing: a closed subscription gets nothing more, and nobody else notices. */
class EventBusTest {

    private static Event delta(String text) {
        return new Event.TextDelta("run-1", Instant.EPOCH, text);
    }

    private static List<String> texts(List<Event> events) {
        return events.stream().map(e -> ((Event.TextDelta) e).text()).toList();
    }

    @Test
    void aClosedSubscriptionGetsNoMoreEventsAndTheOthersKeepTheirs() {
        EventBus bus = EventBus.quiet();
        List<Event> first = new ArrayList<>();
        List<Event> second = new ArrayList<>();
        Subscription leaving = bus.subscribe(first::add);
        bus.subscribe(second::add);

        bus.publish(delta("a"));
        leaving.close();
        bus.publish(delta("b"));

        assertThat(texts(first)).containsExactly("a");
        assertThat(texts(second)).containsExactly("a", "b");
    }

    @Test
    void closingTwiceIsHarmlessAndLeavesALaterSubscriptionOfTheSameSinkAlone() {
        EventBus bus = EventBus.quiet();
        List<Event> seen = new ArrayList<>();
        EventSink sink = seen::add;
        Subscription once = bus.subscribe(sink);
        Subscription again = bus.subscribe(sink);

        bus.publish(delta("both"));
        once.close();
        once.close();
        bus.publish(delta("one left"));
        again.close();
        bus.publish(delta("none"));

        assertThat(texts(seen)).containsExactly("both", "both", "one left");
    }

    @Test
    void aSinkThatOnlyWatchedTextStopsMakingRunsStreamOnceClosed() {
        EventBus bus = EventBus.quiet();
        bus.subscribe(event -> {});
        Subscription terminal = bus.subscribe(new EventSink() {
            @Override
            public void accept(Event event) {}

            @Override
            public boolean wantsTextDeltas() {
                return true;
            }
        });
        assertThat(bus.wantsTextDeltas()).isTrue();
        terminal.close();
        assertThat(bus.wantsTextDeltas()).isFalse();
    }

    @Test
    void itFitsTryWithResources() {
        EventBus bus = EventBus.quiet();
        List<Event> seen = new ArrayList<>();
        try (Subscription ignored = bus.subscribe(seen::add)) {
            bus.publish(delta("inside"));
        }
        bus.publish(delta("outside"));
        assertThat(texts(seen)).containsExactly("inside");
    }
}
