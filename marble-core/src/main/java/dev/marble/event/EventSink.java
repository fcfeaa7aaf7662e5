package dev.marble.event;

/** Receives events. Must be quick or hand work to a thread of its own: it runs on the run's thread. */
@FunctionalInterface
public interface EventSink {
    void accept(Event event);

    /**
     * Whether this sink shows the model's text as it is written ({@link Event.TextDelta}). An agent run streams
     * only while some sink does: a stream costs both ends CPU per chunk (a quarter more per call on loopback) and
     * buys nothing when nobody reads the deltas, as in a headless or background run.
     */
    default boolean wantsTextDeltas() {
        return false;
    }
}
