package dev.marble.agent;

import dev.marble.tool.ToolRegistry;
import dev.marble.tool.approval.ApprovalGate;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link dev.marble.Marble#agentRun(AgentRunRequest)} is asked to assemble: the agent, its tools behind a gate,
 * the folder they work in, and what has a default: who answers at the run's checkpoints (nobody), what the journal
 * calls the run ("run"), where it sits in a tree of delegated runs (the root) and the caller's own stop conditions
 * (none). Immutable: each {@code with} method returns a changed copy.
 *
 * <pre>{@code
 * AgentRun run = marble.agentRun(AgentRunRequest.of(spec, tools, gate, workspace).kind("loop").control(terminal));
 * }</pre>
 */
public final class AgentRunRequest {

    private final AgentSpec spec;
    private final ToolRegistry tools;
    private final ApprovalGate gate;
    private final Path workspace;
    private RunControl control = RunControl.HEADLESS;
    private String kind = "run";
    private RunLineage lineage = RunLineage.ROOT;
    private List<StopCondition> stopWhen = List.of();

    private AgentRunRequest(AgentSpec spec, ToolRegistry tools, ApprovalGate gate, Path workspace) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.tools = Objects.requireNonNull(tools, "tools");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    /** {@code spec} with {@code tools} behind {@code gate}, working in {@code workspace}. */
    public static AgentRunRequest of(AgentSpec spec, ToolRegistry tools, ApprovalGate gate, Path workspace) {
        return new AgentRunRequest(spec, tools, gate, workspace);
    }

    public AgentRunRequest control(RunControl value) {
        AgentRunRequest copy = copy();
        copy.control = Objects.requireNonNull(value, "control");
        return copy;
    }

    /** What the journal calls the run: "loop", "chain", "run", "session", ... */
    public AgentRunRequest kind(String value) {
        AgentRunRequest copy = copy();
        copy.kind = Objects.requireNonNull(value, "kind");
        return copy;
    }

    /** For a run started by another run's tool call (a delegate, a fork): links it to its parent. */
    public AgentRunRequest lineage(RunLineage value) {
        AgentRunRequest copy = copy();
        copy.lineage = Objects.requireNonNull(value, "lineage");
        return copy;
    }

    /** The caller's own stop conditions, checked in this order after the spec's limits (see {@link StopRules}). */
    public AgentRunRequest stopWhen(List<StopCondition> conditions) {
        AgentRunRequest copy = copy();
        copy.stopWhen = List.copyOf(conditions);
        return copy;
    }

    public AgentSpec spec() {
        return spec;
    }

    public ToolRegistry tools() {
        return tools;
    }

    public ApprovalGate gate() {
        return gate;
    }

    public Path workspace() {
        return workspace;
    }

    public RunControl control() {
        return control;
    }

    public String kind() {
        return kind;
    }

    public RunLineage lineage() {
        return lineage;
    }

    public List<StopCondition> stopWhen() {
        return stopWhen;
    }

    private AgentRunRequest copy() {
        AgentRunRequest copy = new AgentRunRequest(spec, tools, gate, workspace);
        copy.control = control;
        copy.kind = kind;
        copy.lineage = lineage;
        copy.stopWhen = stopWhen;
        return copy;
    }
}
