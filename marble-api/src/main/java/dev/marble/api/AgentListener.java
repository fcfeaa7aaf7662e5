package dev.marble.api;

import dev.marble.event.Event;
import dev.marble.model.Cost;
import dev.marble.model.Usage;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * Hears what an agent's runs do, as it happens: override what you need, the rest do nothing. Called on the run's
 * thread (or a tool's, for calls that run in parallel), so keep it quick. What it throws is reported as a warning
 * and the run goes on.
 * <pre>{@code
 * .listener(new AgentListener() {
 *     public void onToolCall(ToolCall call) { System.out.println("[tool] " + call.tool()); }
 *     public void onFinished(RunResult result) { System.out.println(result.ending()); }
 * })
 * }</pre>
 * Only the agent's own runs are heard; the runs its tools start (a delegated agent) publish their own events, which
 * a sink on {@code marble.events()} sees.
 */
public interface AgentListener {

    /** A model call begins. {@code model} is the reference asked for ("anthropic:claude-sonnet-4-6"). */
    record ModelCall(String runId, String callId, String model) {}

    /**
     * A model answered: its text (possibly empty) and how many tool calls it asked for, after any retries or
     * fallbacks; {@code model} is the one that answered.
     */
    record ModelResponse(
            String runId,
            String callId,
            String model,
            String text,
            int toolCalls,
            Usage usage,
            Cost cost,
            Duration latency) {}

    /** The model asked for a tool call; {@code arguments} are as it wrote them. */
    record ToolCall(String runId, String callId, String tool, JsonNode arguments) {}

    /** Whether a call may run, who decided (the policy, the approver), and why. */
    record Approval(String runId, String callId, String tool, boolean allowed, String decidedBy, String reason) {}

    /** A tool call ended: what the model is shown, and whether it is an error (refused calls included). */
    record ToolOutcome(String runId, String callId, String tool, String content, boolean isError, Duration duration) {}

    default void onModelCall(ModelCall call) {}

    default void onModelResponse(ModelResponse response) {}

    /**
     * A piece of the model's text as it is written. Overriding this makes the model stream its answers, which costs
     * a little CPU per piece; the whole text comes with {@link #onModelResponse} either way.
     */
    default void onText(String delta) {}

    default void onToolCall(ToolCall call) {}

    default void onApproval(Approval approval) {}

    default void onToolResult(ToolOutcome outcome) {}

    /** The run ended; the same result {@link Agent#run} returns. */
    default void onFinished(RunResult result) {}

    /** Every event of the agent's runs, before the method above that it also reaches. */
    default void onEvent(Event event) {}
}
