package dev.marble.event;

/**
 * A sink that sends events out of the process (traces and metrics, in marble-otel). Buffered: {@link #flush} sends
 * what is waiting, as after each chain link, so that a killed chain loses at most the link in flight.
 */
public interface EventExporter extends EventSink, AutoCloseable {

    /** Sends what is buffered; waits a few seconds at most. Never throws. */
    void flush();

    /** Ends what is still open, sends everything and lets go of the exporter's resources. Never throws. */
    @Override
    void close();
}
