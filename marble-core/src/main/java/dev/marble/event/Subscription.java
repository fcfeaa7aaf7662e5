package dev.marble.event;

/**
 * One sink's place on an {@link EventBus}, as {@link EventBus#subscribe} returns it. Closing it takes the sink off the
 * bus: events published afterwards no longer reach it. Closing again does nothing, so it fits try-with-resources.
 */
public interface Subscription extends AutoCloseable {

    /** Unsubscribes; idempotent, and never throws. */
    @Override
    void close();
}
