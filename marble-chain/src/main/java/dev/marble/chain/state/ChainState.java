package dev.marble.chain.state;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * What the shutdown conditions look at, as one value: the cursor, what the state directory said when the driver
 * last read it, and the clock's reading then. The driver reads it ({@link #read}); everything that decides from it
 * is a pure function, so another driver (a test, a workflow engine replaying history) gets the same decisions from
 * the same value.
 *
 * @param progress    the cursor: rounds, failures in a row, cost, the runtime of earlier writes
 * @param status      {@code status.txt} as one of the runner's words; empty when there is none or an agent wrote
 *                    another word
 * @param stopRequest the reason in the {@code STOP} file ("" when it is empty); empty when there is no STOP file
 * @param handoff     {@code handoff.md}, "" when there is none
 * @param countedFrom the instant up to which {@code progress.activeSeconds()} already counts the runtime; null
 *                    when the chain is not running
 * @param now         the clock's reading, in the zone the deadline's day is judged in
 */
public record ChainState(
        Progress progress,
        Optional<ChainStatus> status,
        Optional<String> stopRequest,
        String handoff,
        Instant countedFrom,
        ZonedDateTime now) {

    public ChainState {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(stopRequest, "stopRequest");
        Objects.requireNonNull(handoff, "handoff");
        Objects.requireNonNull(now, "now");
    }

    /** The state directory and the clock, read now: the one effect before a step. */
    public static ChainState read(StateDir dir, Progress progress, Clock clock, Instant countedFrom) {
        return new ChainState(
                progress, dir.knownStatus(), dir.stopRequest(), dir.handoff(), countedFrom, ZonedDateTime.now(clock));
    }

    /** Hours the chain has run since the last reset: the cursor's seconds and the time since {@code countedFrom}. */
    public double runtimeHours() {
        return runtimeHours(progress, countedFrom, now.toInstant());
    }

    /** The day it is where the chain runs, for the deadline. */
    public LocalDate today() {
        return now.toLocalDate();
    }

    static double runtimeHours(Progress progress, Instant countedFrom, Instant now) {
        long millis = progress.activeSeconds() * 1000;
        if (countedFrom != null)
            millis += Math.max(0, Duration.between(countedFrom, now).toMillis());
        return millis / 3_600_000.0;
    }
}
