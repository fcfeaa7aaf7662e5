package dev.marble.chain.notify;

import dev.marble.secret.SecretRedactor;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One notifier's queue and the virtual thread that empties it, in order. A notifier can block for up to a
 * minute (Telegram's {@code retry_after}); with its own thread it delays neither the chain nor the other
 * notifiers. Every failure, an unexpected exception included, becomes one redacted log line.
 */
final class Delivery {

    /**
     * Updates accepted and not yet sent (the one being sent included); beyond this the notifier is hopelessly
     * behind and new ones are dropped, so a dead channel cannot hold a long chain's updates in memory.
     */
    static final int CAPACITY = 100;
    /** Queued after the last update by {@link #finish()}: the worker ends when it reaches it. */
    private static final ChainUpdate END =
            new ChainUpdate("", ChainUpdate.Kind.COMPLETED, 0, Duration.ZERO, "", null, null, null);

    private final Notifier notifier;
    private final Consumer<String> log;
    private final SecretRedactor redactor;
    private final LinkedBlockingQueue<ChainUpdate> queue = new LinkedBlockingQueue<>();
    /** Updates accepted and not yet handled; the queue itself is unbounded so that {@link #END} always fits. */
    private final AtomicInteger pending = new AtomicInteger();

    private final Thread worker;

    Delivery(Notifier notifier, Consumer<String> log, SecretRedactor redactor) {
        this.notifier = notifier;
        this.log = log;
        this.redactor = redactor;
        this.worker =
                Thread.ofVirtual().name("marble-notify-" + notifier.name()).start(this::work);
    }

    String name() {
        return notifier.name();
    }

    /** Queues {@code update}; drops it with a log line when {@link #CAPACITY} updates already wait. */
    void offer(ChainUpdate update) {
        if (pending.incrementAndGet() > CAPACITY) {
            pending.decrementAndGet();
            report(notifier.name() + ": " + CAPACITY + " updates are not sent yet; this one is dropped");
            return;
        }
        queue.add(update);
    }

    /** No more updates: the worker ends after sending those queued. */
    void finish() {
        queue.add(END);
    }

    /** Waits until the queued updates are sent or {@code deadlineNanos} (System.nanoTime) passes; whether they were. */
    boolean awaitDone(long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        return left > 0 ? worker.join(Duration.ofNanos(left)) : !worker.isAlive();
    }

    /** Stops a notifier that is still waiting or sending; says how many updates were lost. */
    void abandon() throws InterruptedException {
        int lost = pending.get();
        worker.interrupt();
        worker.join(Duration.ofSeconds(1));
        if (lost > 0) report(notifier.name() + ": " + lost + " update(s) not sent: gave up waiting as the chain ended");
    }

    /** Interrupts the worker without waiting: the caller itself was interrupted and must return. */
    void stopNow() {
        worker.interrupt();
    }

    private void work() {
        while (true) {
            ChainUpdate update;
            try {
                update = queue.poll(365, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                return;
            }
            if (update == null || update == END) return;
            try {
                notifier.send(update);
            } catch (NotifyException e) {
                report(e.getMessage());
            } catch (RuntimeException bug) {
                report(notifier.name() + ": unexpected " + bug.getClass().getSimpleName() + ": " + bug.getMessage());
            } finally {
                pending.decrementAndGet();
            }
            if (Thread.currentThread().isInterrupted()) return;
        }
    }

    private void report(String problem) {
        try {
            log.accept("notification not sent: " + redactor.redact(problem));
        } catch (RuntimeException ignored) {
            // a failing log must not end the worker: the next update may still get through
        }
    }
}
