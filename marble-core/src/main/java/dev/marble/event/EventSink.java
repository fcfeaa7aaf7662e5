package dev.marble.event;

/** Receives events. Must be quick or hand work to a thread of its own: it runs on the run's thread. */
@FunctionalInterface
public interface EventSink {
    void accept(Event event);
}
