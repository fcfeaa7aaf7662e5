package dev.marble.agent;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A reason to end a run: the agent's {@link Condition}. Conditions compose: the {@link TurnDecider} checks them in
 * order at fixed points of a turn
 * (see {@link StopRules}), and the first that fires names itself in the result. Marble's own limits are conditions
 * made by the factories here; a caller adds its own, usually as a lambda, through
 * {@link AgentSession.Builder#stopWhen}. A condition is a pure function of the {@link RunState}: it must not read a
 * clock or a file, so that the same state always ends the same way (a workflow engine replays decisions).
 */
@FunctionalInterface
public interface StopCondition extends Condition<RunState, StopCondition.Stop> {

    /** A condition that fired: the ending and a line for people ("tokens 10512 of 10000"). */
    record Stop(RunEnding ending, String detail) {}

    @Override
    Optional<Stop> check(RunState state);

    static StopCondition tokenBudget(long budget) {
        return state -> state.usage().totalTokens() >= budget
                ? Optional.of(new Stop(
                        RunEnding.TOKEN_BUDGET,
                        "used " + state.usage().totalTokens() + " tokens of a budget of " + budget))
                : Optional.empty();
    }

    /** Keeps a dollar budget, and refuses to go on blind: an unpriced model ends the run. */
    static StopCondition costBudget(BigDecimal budgetUsd) {
        return state -> {
            if (state.unpricedModel() != null) {
                return Optional.of(new Stop(
                        RunEnding.COST_BUDGET,
                        "cannot keep a budget of $" + budgetUsd.toPlainString() + ": the price of "
                                + state.unpricedModel() + " is unknown (add it under \"pricing\" in marble.json)"));
            }
            return state.costUsd().compareTo(budgetUsd) >= 0
                    ? Optional.of(new Stop(
                            RunEnding.COST_BUDGET,
                            "spent $" + state.costUsd().toPlainString() + " of a budget of $"
                                    + budgetUsd.toPlainString()))
                    : Optional.empty();
        };
    }

    static StopCondition wallClock(Duration limit) {
        return state -> state.elapsed().compareTo(limit) >= 0
                ? Optional.of(new Stop(
                        RunEnding.TIMEOUT,
                        "ran " + state.elapsed().toSeconds() + " s of a limit of " + limit.toSeconds() + " s"))
                : Optional.empty();
    }

    /**
     * The turn limit: llm-loop's --max-turns, counted since the start or since a person last agreed to go on. The
     * only stop a person may lift: before it ends a run the decider asks {@link RunControl#continuePastMaxTurns}.
     */
    static StopCondition maxTurns(int max) {
        return state -> state.turnsSinceAsked() >= max
                ? Optional.of(
                        new Stop(RunEnding.MAX_TURNS, "reached " + state.turns() + " turns (--max-turns " + max + ")"))
                : Optional.empty();
    }

    /** Ctrl+C, between steps or during a tool call; the conversation so far is kept. */
    static StopCondition interrupted() {
        return state -> switch (state.interrupt()) {
            case NONE -> Optional.empty();
            case SEEN -> Optional.of(new Stop(RunEnding.INTERRUPTED, "interrupted (Ctrl+C)"));
            case DURING_TOOL_CALL ->
                Optional.of(new Stop(RunEnding.INTERRUPTED, "interrupted (Ctrl+C) during a tool call"));
        };
    }

    /** llm-loop's TASK_COMPLETE: the marker anywhere in the model's text, case ignored. */
    static StopCondition completionMarker(String marker) {
        String lower = marker.toLowerCase(Locale.ROOT);
        return state -> state.lastText() != null
                        && state.lastText().toLowerCase(Locale.ROOT).contains(lower)
                ? Optional.of(new Stop(RunEnding.COMPLETED, "the model wrote " + marker))
                : Optional.empty();
    }
}
