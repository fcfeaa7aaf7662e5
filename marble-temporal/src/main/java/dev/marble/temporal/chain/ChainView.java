package dev.marble.temporal.chain;

import dev.marble.chain.state.ChainState;
import dev.marble.chain.state.ChainStatus;
import dev.marble.chain.state.Handoff;
import dev.marble.chain.state.Progress;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chain's state as its worker read it ({@link ChainState} without the clock), small enough for the workflow's
 * history: the cursor's numbers, status.txt, the STOP file, and the handoff, whole when it is short and otherwise
 * only the lines the decisions read ({@link #condensed}). The state files on the worker stay the truth; this is
 * what the workflow decides from.
 */
public record ChainView(
        int round,
        int nextLink,
        String inFlight,
        int consecutiveFailures,
        String costUsd,
        long activeSeconds,
        String status,
        String stopRequest,
        String handoff,
        long countedFromMillis,
        String lastShutdown,
        String head) {

    /** Handoffs longer than this (characters) are kept out of history: only what the decisions read goes in. */
    public static final int HANDOFF_INLINE_LIMIT = 16 * 1024;

    public static ChainView of(ChainState state, Optional<String> lastShutdown) {
        Progress p = state.progress();
        return new ChainView(
                p.round(),
                p.nextLink(),
                p.inFlight() == null ? null : p.inFlight().linkName(),
                p.consecutiveFailures(),
                p.costUsd().toPlainString(),
                p.activeSeconds(),
                state.status().map(ChainStatus::fileWord).orElse(null),
                state.stopRequest().orElse(null),
                condensed(state.handoff()),
                state.countedFrom() == null ? -1 : state.countedFrom().toEpochMilli(),
                lastShutdown.orElse(null),
                null);
    }

    /** git mode: this reading, as committed at {@code head} of the chain's branch. */
    public ChainView withHead(String head) {
        return new ChainView(
                round,
                nextLink,
                inFlight,
                consecutiveFailures,
                costUsd,
                activeSeconds,
                status,
                stopRequest,
                handoff,
                countedFromMillis,
                lastShutdown,
                head);
    }

    /**
     * The cursor as the decisions see it: the numbers; the in-flight link's identity and the sessions stay in the
     * worker's progress.json.
     */
    public Progress progress() {
        Progress.InFlight running =
                inFlight == null ? null : new Progress.InFlight(nextLink, inFlight, null, Instant.EPOCH);
        return new Progress(
                round, nextLink, running, Map.of(), consecutiveFailures, new BigDecimal(costUsd), activeSeconds);
    }

    /** The state the decisions take, at the workflow's time {@code nowMillis} in {@code zone}. */
    public ChainState state(long nowMillis, ZoneId zone, String stopAsked) {
        Optional<String> stop = Optional.ofNullable(stopRequest);
        if (stop.isEmpty() && stopAsked != null) stop = Optional.of(stopAsked);
        return new ChainState(
                progress(),
                Optional.ofNullable(status).flatMap(ChainStatus::fromFileWord),
                stop,
                handoff,
                countedFromMillis < 0 ? null : Instant.ofEpochMilli(countedFromMillis),
                ZonedDateTime.ofInstant(Instant.ofEpochMilli(nowMillis), zone));
    }

    /**
     * A handoff short enough as it is; a longer one reduced to what {@link Handoff} reads for the decisions: its last
     * assignment line, and its tail from the last line that is neither blank nor BLOCKED (the BLOCKED count). The
     * decisions come out the same as from the whole text.
     */
    static String condensed(String handoff) {
        if (handoff.length() <= HANDOFF_INLINE_LIMIT) return handoff;
        List<String> lines = List.of(handoff.strip().split("\n", -1));
        int tail = lines.size() - 1;
        while (tail > 0
                && (lines.get(tail).isBlank()
                        || lines.get(tail).toUpperCase(java.util.Locale.ROOT).contains("BLOCKED"))) {
            tail--;
        }
        List<String> kept = new ArrayList<>();
        Handoff.assigned(handoff).ifPresent(who -> kept.add("ASSIGNED: " + who));
        kept.addAll(lines.subList(tail, lines.size()));
        String text = String.join("\n", kept);
        // one line of the tail can itself be huge: cut it from the front, keeping its end
        return text.length() <= HANDOFF_INLINE_LIMIT ? text : text.substring(text.length() - HANDOFF_INLINE_LIMIT);
    }
}
