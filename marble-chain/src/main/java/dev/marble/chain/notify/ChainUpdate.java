package dev.marble.chain.notify;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * What a chain tells the people watching it: which chain, what just happened, where it stands. The
 * runner builds one per event worth a message (a link that asked for an update, a shutdown, the end of a
 * {@code once} chain, a stop after failures); each {@link Notifier} renders it in its own format.
 *
 * @param round   completed rounds so far, as {@code round_counter.txt} holds them
 * @param runtime time since this run started ({@code start_time.txt})
 * @param status  the chain's status as written to {@code status.txt} ({@code RUNNING}, {@code STOPPED}, …)
 * @param detail  the shutdown or failure reason, or any extra line; {@code null} when there is none
 * @param link    the link the update is about; {@code null} when none is
 * @param costUsd the run's cost so far; {@code null} when unknown (never a made-up zero)
 */
public record ChainUpdate(
        String chain,
        Kind kind,
        int round,
        Duration runtime,
        String status,
        String detail,
        String link,
        BigDecimal costUsd) {

    public enum Kind {
        LINK_DONE,
        SHUTDOWN,
        COMPLETED,
        FAILED
    }

    public ChainUpdate {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(status, "status");
    }
}
