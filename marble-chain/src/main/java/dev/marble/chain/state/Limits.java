package dev.marble.chain.state;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * When a chain stops by itself. As in llmauto, 0 means "no limit" for every count and for the
 * runtime; null means none for the deadline and the budget. {@code maxConsecutiveBlocks} 0 is no
 * limit too, where llmauto stopped any chain with a non-empty handoff at once.
 *
 * @param maxRounds              completed rounds after which the chain stops
 * @param runtimeHours           hours of running, added up over every start since the last reset
 * @param deadline               the last day the chain may run (it stops the day after)
 * @param maxConsecutiveBlocks   trailing BLOCKED lines in the handoff that stop the chain
 * @param maxConsecutiveFailures links failing in a row that stop the chain
 * @param budgetUsd              dollars after which the chain stops
 */
public record Limits(
        int maxRounds,
        double runtimeHours,
        LocalDate deadline,
        int maxConsecutiveBlocks,
        int maxConsecutiveFailures,
        BigDecimal budgetUsd) {

    /** llmauto's chain defaults (max_rounds 100, max_consecutive_blocks 5) and Marble's failure limit of 3. */
    public static final Limits DEFAULTS = new Limits(100, 0, null, 5, 3, null);

    public static final Limits NONE = new Limits(0, 0, null, 0, 0, null);

    public Limits {
        if (maxRounds < 0
                || maxConsecutiveBlocks < 0
                || maxConsecutiveFailures < 0
                || !(runtimeHours >= 0)
                || Double.isInfinite(runtimeHours)
                || budgetUsd != null && budgetUsd.signum() < 0) {
            throw new IllegalArgumentException("limits cannot be negative");
        }
    }

    public Limits withMaxRounds(int value) {
        return new Limits(value, runtimeHours, deadline, maxConsecutiveBlocks, maxConsecutiveFailures, budgetUsd);
    }

    public Limits withRuntimeHours(double value) {
        return new Limits(maxRounds, value, deadline, maxConsecutiveBlocks, maxConsecutiveFailures, budgetUsd);
    }

    public Limits withDeadline(LocalDate value) {
        return new Limits(maxRounds, runtimeHours, value, maxConsecutiveBlocks, maxConsecutiveFailures, budgetUsd);
    }

    public Limits withMaxConsecutiveBlocks(int value) {
        return new Limits(maxRounds, runtimeHours, deadline, value, maxConsecutiveFailures, budgetUsd);
    }

    public Limits withMaxConsecutiveFailures(int value) {
        return new Limits(maxRounds, runtimeHours, deadline, maxConsecutiveBlocks, value, budgetUsd);
    }

    public Limits withBudgetUsd(BigDecimal value) {
        return new Limits(maxRounds, runtimeHours, deadline, maxConsecutiveBlocks, maxConsecutiveFailures, value);
    }
}
