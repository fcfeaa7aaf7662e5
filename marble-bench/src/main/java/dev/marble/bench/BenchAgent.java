package dev.marble.bench;

/** One framework's way to make a {@link RunShape} run. */
interface BenchAgent extends AutoCloseable {

    /** One whole run; null when it went as planned, else what went wrong. */
    String run() throws Exception;

    /** Tool calls made so far, all runs together. */
    long toolCalls();

    @Override
    default void close() {}
}
