package dev.marble.provider.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A time limit for a whole call, streamed body included. The JDK's request timeout covers only the
 * wait for response headers; when this deadline passes it runs the action registered with
 * {@link #onExpiry} (closing the body stream, killing a process), which makes a blocked read fail
 * at once, and remembers that it did, so the failure is reported as a timeout.
 *
 * <p>One watchdog thread checks every open deadline a few times a second. Opening and closing one
 * is a set insertion and removal that wakes no thread: a timer task per call would cost a thread
 * hand-off on every model call, for limits measured in seconds or minutes.
 */
public final class CallDeadline implements AutoCloseable {

    private static final long TICK_MILLIS = 20;
    private static final Set<CallDeadline> OPEN = ConcurrentHashMap.newKeySet();
    private static final Object WATCHDOG_LOCK = new Object();
    private static volatile Thread watchdog;

    private final Duration timeout;
    private final long startNanos = System.nanoTime();
    private final long deadlineNanos;
    // Guarded by this: the action runs under the same lock that swaps it, so once onExpiry or close
    // returns, the old action can no longer run (an interrupt cannot arrive after a call has ended).
    private boolean expired;
    private boolean closed;
    private Runnable action = () -> {};

    private CallDeadline(Duration timeout) {
        this.timeout = timeout;
        this.deadlineNanos = startNanos + Math.max(1, timeout.toNanos());
    }

    public static CallDeadline start(Duration timeout) {
        CallDeadline deadline = new CallDeadline(timeout);
        OPEN.add(deadline);
        ensureWatchdog();
        return deadline;
    }

    private static void ensureWatchdog() {
        if (watchdog != null) return;
        synchronized (WATCHDOG_LOCK) {
            if (watchdog == null) {
                watchdog = Thread.ofPlatform()
                        .name("marble-call-deadlines")
                        .daemon(true)
                        .start(CallDeadline::watch);
            }
        }
    }

    private static void watch() {
        while (true) {
            long now = System.nanoTime();
            for (CallDeadline deadline : OPEN) {
                if (now - deadline.deadlineNanos >= 0) deadline.expire();
            }
            try {
                Thread.sleep(TICK_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void expire() {
        OPEN.remove(this);
        if (closed || expired) return;
        expired = true;
        action.run();
    }

    /** Sets what to do when time is up; runs it at once if it already is. Running it twice must be harmless. */
    public synchronized void onExpiry(Runnable newAction) {
        action = newAction;
        if (expired && !closed) newAction.run();
    }

    public synchronized boolean expired() {
        return expired;
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration remaining() {
        Duration left = timeout.minusNanos(System.nanoTime() - startNanos);
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public synchronized void close() {
        closed = true;
        OPEN.remove(this);
    }
}
