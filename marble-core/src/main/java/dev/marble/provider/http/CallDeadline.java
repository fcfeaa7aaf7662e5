package dev.marble.provider.http;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A time limit for a whole call, streamed body included. The JDK's request timeout covers only the
 * wait for response headers; when this deadline passes it runs the action registered with
 * {@link #onExpiry} (closing the body stream, killing a process), which makes a blocked read fail
 * at once, and remembers that it did, so the failure is reported as a timeout.
 *
 * <p>One watchdog thread sleeps until the earliest open deadline (a second at the most, in case an earlier one
 * came meanwhile unnoticed) and ends what is due; with none open it sleeps until one is. Opening one is a set
 * insertion that wakes the watchdog only when it is earlier than the one it sleeps until; closing one wakes nobody.
 * A timer task per call would cost a thread hand-off on every model call, for limits measured in seconds or
 * minutes; a watchdog that looked a few times a second would wake 50 times a second for as long as Marble runs,
 * days for a chain or a worker; and a lock around the two would be taken by every call of a thousand at once.
 */
public final class CallDeadline implements AutoCloseable {

    private static final Set<CallDeadline> OPEN = ConcurrentHashMap.newKeySet();
    /** The longest the watchdog sleeps with deadlines open: how late a deadline can be if its wake-up was missed. */
    private static final long MAX_SLEEP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final Object WATCHDOG_LOCK = new Object();
    private static volatile Thread watchdog;
    /** The watchdog sleeps with no deadline open, until {@link #start} unparks it. */
    private static volatile boolean idle;
    /** When the watchdog wakes next ({@link System#nanoTime}), while deadlines are open. */
    private static volatile long wakesAt;
    /** How many times the watchdog has looked at the open deadlines. For tests. */
    private static final AtomicLong LOOKS = new AtomicLong();

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
        ensureWatchdog();
        OPEN.add(deadline);
        // After the add: a watchdog about to sleep either sees this deadline or is unparked (its permit kept).
        if (idle || deadline.deadlineNanos - wakesAt < 0) LockSupport.unpark(watchdog);
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
        while (!Thread.currentThread().isInterrupted()) {
            LOOKS.incrementAndGet();
            long now = System.nanoTime();
            long earliest = now + MAX_SLEEP_NANOS;
            boolean any = false;
            for (CallDeadline deadline : OPEN) {
                if (now - deadline.deadlineNanos >= 0) {
                    deadline.expire(); // removes it; its action kills a process or closes a stream
                } else {
                    any = true;
                    if (deadline.deadlineNanos - earliest < 0) earliest = deadline.deadlineNanos;
                }
            }
            if (any) {
                wakesAt = earliest;
                LockSupport.parkNanos(earliest - now);
            } else {
                idle = true;
                if (OPEN.isEmpty()) LockSupport.park(); // a start() after this look unparks it
                idle = false;
            }
        }
    }

    static long looks() {
        return LOOKS.get();
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
