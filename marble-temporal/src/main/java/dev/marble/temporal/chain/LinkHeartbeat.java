package dev.marble.temporal.chain;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.ActivityWorkerShutdownException;
import java.time.Duration;

/**
 * Heartbeats for a link while it runs, from a thread of its own (the link's thread is busy running it). A link that
 * stops heartbeating (its worker died) is retried elsewhere after the heartbeat timeout. When the server says the
 * link is no longer wanted (its workflow was terminated or reset), the link's thread is interrupted: the link ends
 * as a stopped local link does.
 */
final class LinkHeartbeat implements AutoCloseable {

    private final Thread beating;

    private LinkHeartbeat(Thread beating) {
        this.beating = beating;
    }

    /** Starts heartbeating every third of {@code timeout}, with {@code detail} (the link's name). */
    static LinkHeartbeat start(ActivityExecutionContext context, Duration timeout, String detail) {
        Thread link = Thread.currentThread();
        long every = Math.max(200, timeout.toMillis() / 3);
        Thread beating = Thread.ofPlatform()
                .daemon()
                .name("heartbeat " + detail)
                .start(() -> {
                    try {
                        while (!Thread.currentThread().isInterrupted()) {
                            context.heartbeat(detail);
                            Thread.sleep(every);
                        }
                    } catch (InterruptedException done) {
                        // the link ended
                    } catch (ActivityWorkerShutdownException draining) {
                        // This worker drains: the link goes on to its end within the drain time (the worker hands
                        // it back by interrupting it after that). No more heartbeats can be sent meanwhile.
                    } catch (ActivityCompletionException unwanted) {
                        link.interrupt();
                    }
                });
        return new LinkHeartbeat(beating);
    }

    @Override
    public void close() {
        beating.interrupt();
    }
}
