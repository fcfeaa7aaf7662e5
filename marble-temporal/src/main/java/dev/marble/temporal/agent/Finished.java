package dev.marble.temporal.agent;

import dev.marble.api.DurableRuns;

/** How the run ended, for the journal of the worker that records it. */
public record Finished(String runId, DurableRuns.Outcome outcome, Spent total, long elapsedMillis) {}
