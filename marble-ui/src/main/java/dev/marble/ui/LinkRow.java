package dev.marble.ui;

/**
 * One link of a chain as it ran: from the chain run's {@code link_started} and {@code link_finished} events and the
 * link's own run. Fields not yet known (a link in flight) are null.
 */
public record LinkRow(
        String chainRunId,
        int round,
        String name,
        String model,
        String outcome,
        String detail,
        Long elapsedMs,
        Double costUsd,
        Long inputTokens,
        Long outputTokens,
        String linkRunId) {

    public boolean failed() {
        return outcome != null && !outcome.equals("ok") && !outcome.equals("skipped");
    }
}
