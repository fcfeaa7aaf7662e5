package dev.marble.temporal.agent;

import dev.marble.api.DurableRuns;

/**
 * The workflow's input: what to run, and what the client's configuration says of how the engine runs it. Carried in
 * the workflow's history, so every worker that replays the run decides with the same values, whatever its own
 * marble.json says.
 *
 * @param heartbeatSeconds how long a call may go without a heartbeat before it is taken to be lost with its worker
 * @param retry            Marble's retry policy for model calls, as Temporal retries them
 */
public record RunOrder(DurableRuns.Request request, long heartbeatSeconds, Retry retry) {

    /** {@code dev.marble.provider.resilience.RetryPolicy}, in plain numbers. */
    public record Retry(int maxAttempts, long initialDelayMillis, long maxDelayMillis, long maxServerWaitMillis) {}
}
