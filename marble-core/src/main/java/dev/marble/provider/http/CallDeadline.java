package dev.marble.provider.http;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A time limit for a whole call, streamed body included. The JDK's request timeout covers only the
 * wait for response headers; when this deadline passes it runs the action registered with
 * {@link #onExpiry} (cancelling the exchange, closing the body stream), which makes a blocked read
 * fail at once, and remembers that it did so the failure is reported as a timeout.
 */
public final class CallDeadline implements AutoCloseable {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "marble-call-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final Duration timeout;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean expired = new AtomicBoolean();
    private final AtomicReference<Runnable> action = new AtomicReference<>();
    private final ScheduledFuture<?> task;

    private CallDeadline(Duration timeout) {
        this.timeout = timeout;
        this.task = TIMER.schedule(this::expire, Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    public static CallDeadline start(Duration timeout) {
        return new CallDeadline(timeout);
    }

    private void expire() {
        expired.set(true);
        Runnable current = action.get();
        if (current != null) current.run();
    }

    /** Sets what to do when time is up; runs it at once if it already is. Running it twice must be harmless. */
    public void onExpiry(Runnable newAction) {
        action.set(newAction);
        if (expired.get()) newAction.run();
    }

    public boolean expired() {
        return expired.get();
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration remaining() {
        Duration left = timeout.minusNanos(System.nanoTime() - startNanos);
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}
