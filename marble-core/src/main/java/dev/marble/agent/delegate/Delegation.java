package dev.marble.agent.delegate;

import dev.marble.agent.AgentResult;
import dev.marble.agent.AgentRun;
import dev.marble.agent.AgentRunRequest;
import dev.marble.agent.AgentRuns;
import dev.marble.agent.AgentSpec;
import dev.marble.agent.RunControl;
import dev.marble.agent.RunLineage;
import dev.marble.config.ConfigSchema;
import dev.marble.model.Message;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.ToolResult;
import dev.marble.tool.approval.ApprovalGate;
import dev.marble.tool.approval.ApprovalPolicy;
import dev.marble.tool.approval.Approver;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs delegates as child runs of the run whose tool call asks for them. One per process (or per
 * top-level run); the delegation tools share it. A child:
 * <ul>
 *   <li>is a fresh {@link Marble#agentRun agent run} with its own tools and model, linked to its
 *       parent in the journal and one level deeper;</li>
 *   <li>passes its caller's approval gate, so a headless caller's children are headless too, and a
 *       rule that denies {@code run_command(rm *)} holds at every depth;</li>
 *   <li>never asks a person to go on (a tool call cannot wait at a prompt): it runs headless;</li>
 *   <li>books its tokens and dollars on its caller, whose totals and budgets therefore include it.</li>
 * </ul>
 */
public final class Delegation {

    /** llm-do's limit: "Max depth exceeded: 5" (marble.json's {@code max_delegation_depth} changes it). */
    public static final int DEFAULT_MAX_DEPTH = ConfigSchema.DEFAULT_MAX_DELEGATION_DEPTH;

    private final AgentRuns marble;
    private final int maxDepth;

    /** With the depth limit of configuration: {@code max_delegation_depth}, else {@value #DEFAULT_MAX_DEPTH}. */
    public Delegation(AgentRuns marble) {
        this(marble, (int) marble.config()
                .number("max_delegation_depth", DEFAULT_MAX_DEPTH)
                .value()
                .longValue());
    }

    /** @param maxDepth how deep a child may be: a top-level run is 0, its delegates 1, theirs 2 */
    public Delegation(AgentRuns marble, int maxDepth) {
        this.marble = Objects.requireNonNull(marble, "marble");
        if (maxDepth < 1) throw new IllegalArgumentException("the delegation depth limit must be at least 1");
        this.maxDepth = maxDepth;
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** Why the run calling with {@code context} may not start a child; empty when it may. */
    public Optional<String> refusal(ToolContext context) {
        if (context.depth() + 1 <= maxDepth) return Optional.empty();
        return Optional.of("not run: delegation is limited to " + maxDepth + " levels and this run is already "
                + context.depth() + " deep (max_delegation_depth); do the work here instead");
    }

    /**
     * Runs {@code delegate} as a child of the calling run, from {@code history} with {@code goal} as
     * the next user message (null when the history ends with one), and books what it spent on the caller.
     *
     * @param kind what the journal calls the child run: "delegate", "spawn", "fork"
     */
    public AgentResult run(
            Delegate delegate, List<Message> history, String goal, ToolContext context, String kind, boolean fork) {
        AgentSpec spec = delegate.spec(context.model());
        RunLineage lineage = new RunLineage(context.runId(), context.depth() + 1, fork);
        AgentResult result;
        try (ToolRegistry tools = delegate.tools().get()) {
            AgentRun child = marble.agentRun(AgentRunRequest.of(spec, tools, gate(context), context.workspace())
                    .control(RunControl.HEADLESS)
                    .kind(kind)
                    .lineage(lineage));
            result = child.run(history, goal);
        }
        context.spent(result.usage(), result.cost());
        return result;
    }

    /** The child's answer as its caller sees it: the answer, or why there is none. */
    public static ToolResult asToolResult(String name, AgentResult result) {
        if (result.ending().finished() && result.answer() != null) return ToolResult.ok(result.answer());
        String why =
                "'" + name + "' ended without finishing (" + result.ending().wireName() + ": " + result.detail() + ")";
        return ToolResult.error(result.answer() == null ? why : why + "; its last words: " + result.answer());
    }

    /** The gate the calling run's tools pass, which its delegates' tools and attachments pass too. */
    static ApprovalGate gate(ToolContext context) {
        if (context.approvals() != null) return context.approvals();
        // Called outside any run (a test, an embedding program calling the tool directly): nobody can
        // be asked, so what a policy would ask about is refused rather than silently allowed.
        return new ApprovalGate(
                new ApprovalPolicy(List.of(), false),
                Approver.refuseAll("nobody can be asked: the delegate was called outside a run"));
    }
}
