package dev.marble.provider.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A time limit for a whole call, streamed body included. The JDK's request timeout covers only the
 * wait for response headers; when this deadline passes it runs the action registered with
 * {@link #onExpiry} (closing the body stream, killing a process), which makes a blocked read fail
 * at once, and remembers that it did, so the failure is reported as a timeout.
 *
 * <p>One watchdog thread sleeps until the earliest open deadline and ends what is due. Opening one is a
 * set insertion that wakes the watchdog only when it is earlier than any open one (the first after a
 * quiet spell); closing one wakes nobody. A timer task per call would cost a thread hand-off on every
 * model call, for limits measured in seconds or minutes; a watchdog that looked a few times a second
 * would wake 50 times a second for as long as Marble runs, days for a chain or a worker.
 */
public final class CallDeadline implements AutoCloseable {

    private static final Set<CallDeadline> OPEN = ConcurrentHashMap.newKeySet();
    /** Guards the watchdog's start and its sleep: {@link #start} wakes it through this lock's monitor. */
    private static final Object WATCHDOG_LOCK = new Object();

    private static volatile Thread watchdog;
    /** Guarded by WATCHDOG_LOCK: whether the watchdog sleeps, and until when ({@link System#nanoTime}) if timed. */
    private static boolean sleeping;

    private static boolean sleepingUntilDue;
    private static long wakesAt;
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
        synchronized (WATCHDOG_LOCK) {
            OPEN.add(deadline);
            boolean earlier = !sleepingUntilDue || deadline.deadlineNanos - wakesAt < 0;
            if (sleeping && earlier) WATCHDOG_LOCK.notifyAll();
        }
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
            List<CallDeadline> due = new ArrayList<>();
            LOOKS.incrementAndGet();
            synchronized (WATCHDOG_LOCK) {
                long now = System.nanoTime();
                boolean any = false;
                long earliest = 0;
                for (CallDeadline deadline : OPEN) {
                    if (now - deadline.deadlineNanos >= 0) {
                        due.add(deadline);
                    } else if (!any || deadline.deadlineNanos - earliest < 0) {
                        earliest = deadline.deadlineNanos;
                        any = true;
                    }
                }
                if (due.isEmpty()) {
                    sleeping = true;
                    sleepingUntilDue = any;
                    wakesAt = earliest;
                    try {
                        // wait(0) would wait for ever: a deadline due within the millisecond waits one.
                        if (any) WATCHDOG_LOCK.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(earliest - now) + 1));
                        else WATCHDOG_LOCK.wait();
                    } catch (InterruptedException e) {
                        return;
                    } finally {
                        sleeping = false;
                    }
                    continue;
                }
            }
            // Outside the lock: an action kills a process or closes a stream, and start() must not wait for it.
            for (CallDeadline deadline : due) deadline.expire();
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
