package dev.marble.api;

import dev.marble.agent.AgentResult;
import dev.marble.agent.RunEnding;
import dev.marble.model.Cost;
import dev.marble.model.Usage;
import java.time.Duration;

/**
 * How one {@link Agent#run} ended: the model's last text, why the run ended and how (a line for people), and what
 * it used. {@code switch (result.ending()) { case COST_BUDGET -> ... }} needs no import.
 *
 * @param answer  the model's last text; null when it wrote none
 * @param ending  why the run ended: {@code ANSWERED}, {@code COMPLETED} (the completion marker or a stop condition
 *                of your own), {@code MAX_TURNS}, {@code TOKEN_BUDGET}, {@code COST_BUDGET}, {@code TIMEOUT},
 *                {@code INTERRUPTED}, {@code MODEL_FAILED}, {@code NO_MODEL}...
 * @param detail  what ended it, for people ("spent $0.51 of a budget of $0.50"), with a word on tool calls refused
 *                for want of an approver
 * @param turns   model calls made
 * @param usage   tokens, delegated runs included
 * @param cost    dollars, and where the figure comes from (a price table, the provider, free, unknown)
 * @param elapsed wall-clock time of the run
 * @param runId   the run's id in events and the journal
 */
public record RunResult(
        String answer,
        RunEnding ending,
        String detail,
        int turns,
        Usage usage,
        Cost cost,
        Duration elapsed,
        String runId) {

    static RunResult of(AgentResult result, String detail) {
        return new RunResult(
                result.answer(),
                result.ending(),
                detail,
                result.turns(),
                result.usage(),
                result.cost(),
                result.elapsed(),
                result.runId());
    }

    /** Whether the run ended as intended (answered, completed, stopped), rather than cut short. */
    public boolean finished() {
        return ending.finished();
    }
}
