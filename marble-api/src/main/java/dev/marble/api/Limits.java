package dev.marble.api;

import dev.marble.agent.RunLimits;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * What bounds each run of an agent, changed one limit at a time from Marble's defaults (25 turns, no token or dollar
 * budget, no time limit, 2 minutes per tool call, 50,000 characters of a tool result, the marker TASK_COMPLETE):
 * <pre>{@code
 * Agent.builder("helper").limits(l -> l.maxTurns(10).costBudgetUsd("0.50").timeout(Duration.ofMinutes(5)))
 * }</pre>
 * A dollar budget is kept from the prices of the model's calls; a model whose price is unknown ends the run at once
 * rather than spend blind (add it under {@code "pricing"} in marble.json). Zero means "no limit" for the budgets.
 *
 * @param runLimits the engine's limits these stand for
 */
public record Limits(RunLimits runLimits) {

    public Limits {
        Objects.requireNonNull(runLimits, "runLimits");
    }

    /** Marble's defaults, as a run from the command line has them. */
    public static Limits defaults() {
        return new Limits(RunLimits.DEFAULTS);
    }

    /** Model calls before the run stops with {@code MAX_TURNS}; 0: no limit. */
    public Limits maxTurns(int turns) {
        return new Limits(runLimits.withMaxTurns(turns));
    }

    /** Tool calls run from one answer; the rest are answered with a note. 0: all. */
    public Limits toolCallsPerTurn(int calls) {
        return new Limits(runLimits.withToolCallsPerTurn(calls));
    }

    /** All tokens (input, output, cache) a run may use; 0: no budget. */
    public Limits tokenBudget(long tokens) {
        return new Limits(runLimits.withTokenBudget(tokens));
    }

    /** Dollars a run may spend, as text so no binary fraction creeps in ({@code "0.50"}). */
    public Limits costBudgetUsd(String dollars) {
        return costBudgetUsd(new BigDecimal(Objects.requireNonNull(dollars, "dollars")));
    }

    /** Dollars a run may spend; null: no budget. */
    public Limits costBudgetUsd(BigDecimal dollars) {
        if (dollars != null && dollars.signum() < 0) throw new IllegalArgumentException("a budget cannot be negative");
        return new Limits(runLimits.withCostBudget(dollars));
    }

    /** Wall-clock time for a whole run; null: none. */
    public Limits timeout(Duration timeout) {
        return new Limits(runLimits.withTimeout(timeout));
    }

    /** Time one tool call may take. */
    public Limits toolTimeout(Duration timeout) {
        return new Limits(runLimits.withToolTimeout(timeout));
    }

    /** Characters of a tool result shown to the model; the middle of longer ones is cut. */
    public Limits toolOutputLimit(int characters) {
        RunLimits l = runLimits;
        return new Limits(new RunLimits(
                l.maxTurns(),
                l.toolCallsPerTurn(),
                l.tokenBudget(),
                l.costBudgetUsd(),
                l.timeout(),
                l.toolTimeout(),
                characters,
                l.completionMarker()));
    }

    /** Text that ends the run as {@code COMPLETED} when the model writes it (case ignored); null: none. */
    public Limits completionMarker(String marker) {
        return new Limits(runLimits.withCompletionMarker(marker));
    }
}
