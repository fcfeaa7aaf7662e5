package dev.marble.chain.state;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * The conditions checked before every link, in llmauto's order (SEEDS-SPEC 1.8) with Marble's
 * additions slotted in: a STOP file; {@code status.txt} ALL_DONE, or STOPPED written by an agent
 * (the runner writes RUNNING when it starts, so a STOPPED seen here came from an agent); the
 * deadline; the runtime; the round limit; trailing BLOCKED lines; failures in a row; the budget.
 *
 * <p>Runtime, unlike llmauto's, adds up over restarts as the round count does (llmauto measured only
 * from the latest start, so stopping and starting again reset the clock: defect 9): it is the
 * progress's {@code activeSeconds} plus the time since {@code countedFrom}.
 */
public final class ShutdownCheck {

    private ShutdownCheck() {}

    /**
     * The first condition that holds, or empty.
     *
     * @param countedFrom the instant up to which {@code p.activeSeconds()} already counts the runtime:
     *                    when this run started, unless the runner folds the time in as it goes; null
     *                    when the chain is not running
     */
    public static Optional<Shutdown> check(StateDir dir, Progress p, Limits l, Clock clock, Instant countedFrom) {
        Optional<String> stop = dir.stopRequest();
        if (stop.isPresent()) {
            String reason = oneLine(stop.get());
            return found(Shutdown.Reason.MANUAL_STOP, reason.isEmpty() ? "MANUAL_STOP" : "MANUAL_STOP: " + reason);
        }
        ChainStatus status = dir.knownStatus().orElse(null);
        if (status == ChainStatus.ALL_DONE) return found(Shutdown.Reason.ALL_TASKS_DONE, "ALL_TASKS_DONE");
        if (status == ChainStatus.STOPPED) return found(Shutdown.Reason.STOPPED_BY_AGENT, "STOPPED_BY_AGENT: status.txt says STOPPED");
        if (l.deadline() != null && LocalDate.now(clock).isAfter(l.deadline())) {
            return found(Shutdown.Reason.DEADLINE_REACHED, "DEADLINE_REACHED: " + l.deadline());
        }
        if (l.runtimeHours() > 0) {
            double hours = runtimeHours(p, countedFrom, clock);
            if (hours >= l.runtimeHours()) {
                return found(Shutdown.Reason.RUNTIME_EXCEEDED, String.format(Locale.ROOT, "RUNTIME_EXCEEDED: %.1fh / %sh",
                        hours, number(l.runtimeHours())));
            }
        }
        if (l.maxRounds() > 0 && p.round() >= l.maxRounds()) {
            return found(Shutdown.Reason.MAX_ROUNDS, "MAX_ROUNDS: " + p.round() + "/" + l.maxRounds());
        }
        if (l.maxConsecutiveBlocks() > 0) {
            int blocked = Handoff.trailingBlocked(dir.handoff());
            if (blocked >= l.maxConsecutiveBlocks()) return found(Shutdown.Reason.MAX_BLOCKS, "MAX_BLOCKS: " + blocked);
        }
        if (l.maxConsecutiveFailures() > 0 && p.consecutiveFailures() >= l.maxConsecutiveFailures()) {
            return found(Shutdown.Reason.MAX_FAILURES, "MAX_FAILURES: " + p.consecutiveFailures() + "/" + l.maxConsecutiveFailures());
        }
        if (l.budgetUsd() != null && l.budgetUsd().signum() > 0 && p.costUsd().compareTo(l.budgetUsd()) >= 0) {
            return found(Shutdown.Reason.BUDGET_EXCEEDED, "BUDGET_EXCEEDED: $" + dollars(p.costUsd()) + " / $" + dollars(l.budgetUsd()));
        }
        return Optional.empty();
    }

    /**
     * Records a shutdown the runner honours: the reason in {@code shutdown.txt} (for {@code status}),
     * the final status, and, for a manual stop, the STOP file removed, since it has been answered.
     * In this order, so a crash halfway leaves the STOP file to be honoured again rather than lost.
     */
    public static void honour(StateDir dir, Shutdown shutdown) {
        dir.lastShutdown(shutdown.text());
        dir.status(shutdown.finalStatus());
        if (shutdown.reason() == Shutdown.Reason.MANUAL_STOP) dir.clearStopRequest();
    }

    /** Hours the chain has run since the last reset; {@code countedFrom} as for {@link #check}. */
    public static double runtimeHours(Progress p, Instant countedFrom, Clock clock) {
        long millis = p.activeSeconds() * 1000;
        if (countedFrom != null) millis += Math.max(0, Duration.between(countedFrom, clock.instant()).toMillis());
        return millis / 3_600_000.0;
    }

    private static Optional<Shutdown> found(Shutdown.Reason reason, String text) {
        return Optional.of(new Shutdown(reason, text));
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** {@code 2} for 2.0 and {@code 2.5} for 2.5, as the number stood in the chain file. */
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** At least cents, and every digit a small cost has: $0.0042 rather than $0.00. */
    private static String dollars(BigDecimal value) {
        BigDecimal rounded = value.setScale(Math.min(6, Math.max(2, value.stripTrailingZeros().scale())), RoundingMode.HALF_UP);
        return rounded.toPlainString();
    }
}
