package dev.marble.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which stop conditions the {@link TurnDecider} checks where, in order. A turn has three points:
 * <ol>
 *   <li>before the model is called: {@link #everyTurn} (the budgets, the clock, then the caller's own), then
 *       {@link #beforeCall} (Ctrl+C, then the turn limit, which a person may lift);</li>
 *   <li>after the model answered: {@link #everyTurn} again, so that a budget the answer used up stops the run
 *       before its tool calls run;</li>
 *   <li>when the turn's work is done (its tool calls ran, or it had none): {@link #afterTurn} (Ctrl+C during a
 *       tool call, then the completion marker, which ends the run even after tools).</li>
 * </ol>
 * These places and this order are llm-loop's, and what Marble did before the conditions were a list.
 */
public record StopRules(List<StopCondition> everyTurn, List<StopCondition> beforeCall, List<StopCondition> afterTurn) {

    public StopRules {
        everyTurn = List.copyOf(everyTurn);
        beforeCall = List.copyOf(beforeCall);
        afterTurn = List.copyOf(afterTurn);
    }

    /** The conditions of {@code limits}, with the caller's own {@code stopWhen} after Marble's budgets and clock. */
    public static StopRules of(RunLimits limits, List<StopCondition> stopWhen) {
        Objects.requireNonNull(limits, "limits");
        List<StopCondition> everyTurn = new ArrayList<>();
        if (limits.tokenBudget() > 0) everyTurn.add(StopCondition.tokenBudget(limits.tokenBudget()));
        if (limits.costBudgetUsd() != null) everyTurn.add(StopCondition.costBudget(limits.costBudgetUsd()));
        if (limits.timeout() != null) everyTurn.add(StopCondition.wallClock(limits.timeout()));
        everyTurn.addAll(stopWhen);
        List<StopCondition> beforeCall = new ArrayList<>();
        beforeCall.add(StopCondition.interrupted());
        if (limits.maxTurns() > 0) beforeCall.add(StopCondition.maxTurns(limits.maxTurns()));
        List<StopCondition> afterTurn = new ArrayList<>();
        afterTurn.add(StopCondition.interrupted());
        if (limits.completionMarker() != null) afterTurn.add(StopCondition.completionMarker(limits.completionMarker()));
        return new StopRules(everyTurn, beforeCall, afterTurn);
    }
}
