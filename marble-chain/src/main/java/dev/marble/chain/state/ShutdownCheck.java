package dev.marble.chain.state;

import dev.marble.agent.Condition;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The conditions checked before every link, in llmauto's order (SEEDS-SPEC 1.8) with Marble's
 * additions slotted in: a STOP file; {@code status.txt} ALL_DONE, or STOPPED written by an agent
 * (the runner writes RUNNING when it starts, so a STOPPED seen here came from an agent); the
 * deadline; the runtime; the round limit; trailing BLOCKED lines; failures in a row; the budget.
 * Each is a {@link ShutdownCondition}; the order decides when several hold.
 *
 * <p>Runtime, unlike llmauto's, adds up over restarts as the round count does (llmauto measured only
 * from the latest start, so stopping and starting again reset the clock: defect 9): it is the
 * progress's {@code activeSeconds} plus the time since {@code countedFrom}.
 */
public final class ShutdownCheck {

    private ShutdownCheck() {}

    /** llmauto's conditions for {@code limits}, in the order they are checked. */
    public static List<ShutdownCondition> conditions(Limits limits) {
        return List.of(
                ShutdownCondition.stopFile(),
                ShutdownCondition.allDone(),
                ShutdownCondition.stoppedByAgent(),
                ShutdownCondition.deadline(limits.deadline()),
                ShutdownCondition.runtime(limits.runtimeHours()),
                ShutdownCondition.maxRounds(limits.maxRounds()),
                ShutdownCondition.maxBlocks(limits.maxConsecutiveBlocks()),
                ShutdownCondition.maxFailures(limits.maxConsecutiveFailures()),
                ShutdownCondition.budget(limits.budgetUsd()));
    }

    /**
     * Reads the state directory and the clock, and returns the first of llmauto's conditions that holds, or empty.
     *
     * @param countedFrom the instant up to which {@code p.activeSeconds()} already counts the runtime:
     *                    when this run started, unless the runner folds the time in as it goes; null
     *                    when the chain is not running
     */
    public static Optional<Shutdown> check(StateDir dir, Progress p, Limits l, Clock clock, Instant countedFrom) {
        return Condition.first(conditions(l), ChainState.read(dir, p, clock, countedFrom));
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
        return ChainState.runtimeHours(p, countedFrom, clock.instant());
    }
}
