package dev.marble.agent;

import dev.marble.model.Part;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * What bounds a run. Zero or null means "no limit" for the budgets and the clock.
 *
 * @param maxTurns          model calls before the run stops (or, on a terminal, asks whether to go on)
 * @param toolCallsPerTurn  tool calls run from one answer; the rest are answered with a note (llm-loop's --internal-cl)
 * @param tokenBudget       all tokens (input, output, cache) the run may use
 * @param costBudgetUsd     dollars the run may spend
 * @param timeout           wall-clock time for the whole run
 * @param toolTimeout       time one tool call may take
 * @param toolOutputLimit   characters of a tool result shown to the model; the middle of longer ones is cut
 * @param completionMarker  text that ends the run when the model writes it (case ignored); null: none
 */
public record RunLimits(
        int maxTurns,
        int toolCallsPerTurn,
        long tokenBudget,
        BigDecimal costBudgetUsd,
        Duration timeout,
        Duration toolTimeout,
        int toolOutputLimit,
        String completionMarker) {

    public static final RunLimits DEFAULTS =
            new RunLimits(25, 0, 0, null, null, Duration.ofMinutes(2), 50_000, "TASK_COMPLETE");

    public RunLimits {
        if (maxTurns < 0 || toolCallsPerTurn < 0 || tokenBudget < 0 || toolOutputLimit < 1) {
            throw new IllegalArgumentException("limits cannot be negative");
        }
    }

    public RunLimits withMaxTurns(int value) {
        return new RunLimits(
                value,
                toolCallsPerTurn,
                tokenBudget,
                costBudgetUsd,
                timeout,
                toolTimeout,
                toolOutputLimit,
                completionMarker);
    }

    public RunLimits withToolCallsPerTurn(int value) {
        return new RunLimits(
                maxTurns, value, tokenBudget, costBudgetUsd, timeout, toolTimeout, toolOutputLimit, completionMarker);
    }

    public RunLimits withTokenBudget(long value) {
        return new RunLimits(
                maxTurns,
                toolCallsPerTurn,
                value,
                costBudgetUsd,
                timeout,
                toolTimeout,
                toolOutputLimit,
                completionMarker);
    }

    public RunLimits withCostBudget(BigDecimal value) {
        return new RunLimits(
                maxTurns,
                toolCallsPerTurn,
                tokenBudget,
                value,
                timeout,
                toolTimeout,
                toolOutputLimit,
                completionMarker);
    }

    public RunLimits withTimeout(Duration value) {
        return new RunLimits(
                maxTurns,
                toolCallsPerTurn,
                tokenBudget,
                costBudgetUsd,
                value,
                toolTimeout,
                toolOutputLimit,
                completionMarker);
    }

    public RunLimits withToolTimeout(Duration value) {
        return new RunLimits(
                maxTurns,
                toolCallsPerTurn,
                tokenBudget,
                costBudgetUsd,
                timeout,
                value,
                toolOutputLimit,
                completionMarker);
    }

    public RunLimits withCompletionMarker(String value) {
        return new RunLimits(
                maxTurns, toolCallsPerTurn, tokenBudget, costBudgetUsd, timeout, toolTimeout, toolOutputLimit, value);
    }

    /**
     * The answer to the tool call at {@code index} (from 0) of one model answer when it lies past {@link
     * #toolCallsPerTurn}, else empty: the note the model gets instead of a result, the same on every engine.
     */
    public Optional<Part.ToolResult> pastToolCallsPerTurn(Part.ToolCall call, int index) {
        if (toolCallsPerTurn == 0 || index < toolCallsPerTurn) return Optional.empty();
        return Optional.of(new Part.ToolResult(
                call.id(),
                "not run: at most " + toolCallsPerTurn + " tool calls are run per answer; call fewer tools at once",
                true));
    }
}
