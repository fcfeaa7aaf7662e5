package dev.marble.agent;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A reason to end a run, checked after every model answer and every round of tool calls. Conditions
 * compose: a run checks a list, and the first that fires names itself in the result. Chains add
 * their own (a STOP file, repeated BLOCKED lines) through the same interface.
 */
@FunctionalInterface
public interface StopCondition {

    /** A condition that fired: the ending and a line for people ("tokens 10512 of 10000"). */
    record Stop(RunEnding ending, String detail) {}

    Optional<Stop> check(RunState state);

    static StopCondition tokenBudget(long budget) {
        return state -> state.usage().totalTokens() >= budget
                ? Optional.of(new Stop(RunEnding.TOKEN_BUDGET, "used " + state.usage().totalTokens() + " tokens of a budget of " + budget))
                : Optional.empty();
    }

    /** Keeps a dollar budget, and refuses to go on blind: an unpriced model ends the run. */
    static StopCondition costBudget(BigDecimal budgetUsd) {
        return state -> {
            if (state.unpricedModel() != null) {
                return Optional.of(new Stop(RunEnding.COST_BUDGET, "cannot keep a budget of $" + budgetUsd.toPlainString()
                        + ": the price of " + state.unpricedModel() + " is unknown (add it under \"pricing\" in marble.json)"));
            }
            return state.costUsd().compareTo(budgetUsd) >= 0
                    ? Optional.of(new Stop(RunEnding.COST_BUDGET, "spent $" + state.costUsd().toPlainString()
                            + " of a budget of $" + budgetUsd.toPlainString()))
                    : Optional.empty();
        };
    }

    static StopCondition wallClock(Duration limit) {
        return state -> state.elapsed().compareTo(limit) >= 0
                ? Optional.of(new Stop(RunEnding.TIMEOUT, "ran " + state.elapsed().toSeconds() + " s of a limit of " + limit.toSeconds() + " s"))
                : Optional.empty();
    }

    /** llm-loop's TASK_COMPLETE: the marker anywhere in the model's text, case ignored. */
    static StopCondition completionMarker(String marker) {
        String lower = marker.toLowerCase(Locale.ROOT);
        return state -> state.lastText() != null && state.lastText().toLowerCase(Locale.ROOT).contains(lower)
                ? Optional.of(new Stop(RunEnding.COMPLETED, "the model wrote " + marker))
                : Optional.empty();
    }
}
