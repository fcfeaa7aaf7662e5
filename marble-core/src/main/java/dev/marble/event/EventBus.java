package dev.marble.event;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Delivers each event to every sink, in the order they subscribed. A sink that throws is reported
 * to {@code onSinkFailure} and the others still get the event: a broken notifier must not stop a run.
 */
public final class EventBus {

    /** Compared by identity, so that one sink subscribed twice is two subscriptions, each closed on its own. */
    private final class Entry implements Subscription {
        private final EventSink sink;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Entry(EventSink sink) {
            this.sink = sink;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) entries.remove(this);
        }
    }

    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final BiConsumer<EventSink, RuntimeException> onSinkFailure;

    public EventBus(BiConsumer<EventSink, RuntimeException> onSinkFailure) {
        this.onSinkFailure = onSinkFailure;
    }

    public static EventBus quiet() {
        return new EventBus((sink, failure) -> {});
    }

    /**
     * Adds {@code sink}; it gets every event published from now until the returned subscription is closed. Callers
     * that keep a sink for the bus's whole life may ignore the subscription.
     */
    public Subscription subscribe(EventSink sink) {
        Entry entry = new Entry(Objects.requireNonNull(sink, "sink"));
        entries.add(entry);
        return entry;
    }

    /** Whether any sink shows text as it is written: see {@link EventSink#wantsTextDeltas()}. */
    public boolean wantsTextDeltas() {
        for (Entry entry : entries) {
            if (entry.sink.wantsTextDeltas()) return true;
        }
        return false;
    }

    public void publish(Event event) {
        for (Entry entry : entries) {
            try {
                entry.sink.accept(event);
            } catch (RuntimeException failure) {
                onSinkFailure.accept(entry.sink, failure);
            }
        }
    }
}
