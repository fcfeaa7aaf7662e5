package dev.marble.temporal.agent;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;

/**
 * Heartbeats for the activity that opened it, from a virtual thread of its own, while a model streams or a tool
 * runs: neither reports progress at a steady pace (a model may think for a minute before its first token), and a
 * worker that is alive must not lose its call to the heartbeat timeout. A worker that dies stops heartbeating, and the
 * call moves to another worker once the timeout passes.
 */
final class Heartbeat implements AutoCloseable {

    private final Thread beating;

    private Heartbeat(ActivityExecutionContext context, Duration every) {
        this.beating = Thread.ofVirtual()
                .name("heartbeat-" + context.getInfo().getActivityId())
                .start(() -> {
                    try {
                        while (!Thread.currentThread().isInterrupted()) {
                            context.heartbeat(null);
                            Thread.sleep(every);
                        }
                    } catch (InterruptedException | ActivityCompletionException stopped) {
                        // the call ended, or the server no longer wants it (cancelled, timed out)
                    }
                });
    }

    /** Starts heartbeating for the current activity, three times per heartbeat timeout. */
    static Heartbeat start() {
        ActivityExecutionContext context = Activity.getExecutionContext();
        Duration timeout = context.getInfo().getHeartbeatTimeout();
        Duration every = timeout == null || timeout.isZero() ? Duration.ofSeconds(10) : timeout.dividedBy(3);
        return new Heartbeat(context, every.isZero() ? Duration.ofMillis(100) : every);
    }

    @Override
    public void close() {
        beating.interrupt();
    }
}
