package dev.marble.agent;

import dev.marble.model.Usage;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Where a run stands, as stop conditions and the {@link TurnDecider} see it. A value measured by the driver at one
 * moment: nothing in it reads a clock or a thread, so the same state always gets the same decision.
 *
 * @param turns           model calls so far
 * @param turnsSinceAsked model calls since the run started or a person last agreed to go past the turn limit
 * @param unpricedModel   the model whose cost was unknown, when one was (a cost budget cannot be kept then)
 * @param lastText        the text of the model's latest answer (null before the first)
 * @param interrupt       whether Ctrl+C was seen, and where
 */
public record RunState(
        int turns,
        int turnsSinceAsked,
        Usage usage,
        BigDecimal costUsd,
        String unpricedModel,
        Duration elapsed,
        String lastText,
        Interrupt interrupt) {

    /** Whether, and where, the run was interrupted (Ctrl+C), as the driver saw it. */
    public enum Interrupt {
        NONE,
        /** Seen between steps: the thread that runs the turns was interrupted. */
        SEEN,
        /** A tool call of the last round was interrupted, and the calls after it were not run. */
        DURING_TOOL_CALL
    }

    /** A state in which nobody was asked about the turn limit yet and no interrupt was seen. */
    public RunState(
            int turns, Usage usage, BigDecimal costUsd, String unpricedModel, Duration elapsed, String lastText) {
        this(turns, turns, usage, costUsd, unpricedModel, elapsed, lastText, Interrupt.NONE);
    }

    public RunState withInterrupt(Interrupt other) {
        return new RunState(turns, turnsSinceAsked, usage, costUsd, unpricedModel, elapsed, lastText, other);
    }
}
