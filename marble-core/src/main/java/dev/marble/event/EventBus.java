package dev.marble.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Delivers each event to every sink, in the order they subscribed. A sink that throws is reported
 * to {@code onSinkFailure} and the others still get the event: a broken notifier must not stop a run.
 */
public final class EventBus {

    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
    private final BiConsumer<EventSink, RuntimeException> onSinkFailure;

    public EventBus(BiConsumer<EventSink, RuntimeException> onSinkFailure) {
        this.onSinkFailure = onSinkFailure;
    }

    public static EventBus quiet() {
        return new EventBus((sink, failure) -> { });
    }

    public EventBus subscribe(EventSink sink) {
        sinks.add(sink);
        return this;
    }

    /** Whether any sink shows text as it is written: see {@link EventSink#wantsTextDeltas()}. */
    public boolean wantsTextDeltas() {
        for (EventSink sink : sinks) {
            if (sink.wantsTextDeltas()) return true;
        }
        return false;
    }

    public void publish(Event event) {
        for (EventSink sink : sinks) {
            try {
                sink.accept(event);
            } catch (RuntimeException failure) {
                onSinkFailure.accept(sink, failure);
            }
        }
    }
}
