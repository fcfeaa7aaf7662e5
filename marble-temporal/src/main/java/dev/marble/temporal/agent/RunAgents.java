package dev.marble.temporal.agent;

import dev.marble.Marble;
import dev.marble.agent.AgentSpec;
import dev.marble.agent.RunLimits;
import dev.marble.agent.delegate.Delegation;
import dev.marble.api.AgentFiles;
import dev.marble.api.DurableRuns;
import dev.marble.api.StandardTools;
import dev.marble.error.UsageException;
import dev.marble.format.worker.SetOverrides;
import dev.marble.model.ChatOptions;
import dev.marble.model.ModelRef;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.approval.ApprovalRule;
import dev.marble.tool.builtin.LlmLoopNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agents of the runs this worker takes calls of, assembled from their {@link DurableRuns.Request} with this
 * worker's configuration (its providers and keys, its approval rules) the first time a call of the run comes, and
 * kept for its next calls: loading tool files (a Python host, MCP servers) once per run, not once per call. A run's
 * calls may go to any worker; each assembles the agent for itself.
 */
final class RunAgents implements AutoCloseable {

    /** Runs whose agents stay assembled; the least recently used is let go beyond this. */
    private static final int KEPT = 32;

    /** An agent ready for calls: its spec, its tools, the approval rules its files add, what to close. */
    record Assembled(AgentSpec spec, ToolRegistry tools, List<ApprovalRule> rules, AutoCloseable held)
            implements AutoCloseable {
        @Override
        public void close() {
            tools.close();
            try {
                if (held != null) held.close();
            } catch (Exception ignored) {
                // a tool host that fails to stop is gone with its run either way
            }
        }
    }

    private final Marble marble;
    private final Map<String, Assembled> byRun = new LinkedHashMap<>(16, 0.75f, true);

    RunAgents(Marble marble) {
        this.marble = marble;
    }

    synchronized Assembled get(String runId, DurableRuns.Request request) {
        Assembled found = byRun.get(runId);
        if (found != null) return found;
        Assembled made = assemble(request);
        byRun.put(runId, made);
        if (byRun.size() > KEPT) {
            Iterator<Map.Entry<String, Assembled>> eldest = byRun.entrySet().iterator();
            Assembled gone = eldest.next().getValue();
            eldest.remove();
            gone.close();
        }
        return made;
    }

    synchronized void release(String runId) {
        Assembled gone = byRun.remove(runId);
        if (gone != null) gone.close();
    }

    @Override
    public synchronized void close() {
        byRun.values().forEach(Assembled::close);
        byRun.clear();
    }

    private Assembled assemble(DurableRuns.Request request) {
        DurableRuns.Agent agent = request.agent();
        return agent.files().isEmpty() ? loop(request) : files(request);
    }

    /** {@code marble loop}'s agent: the models and instructions the client chose, the standard tools. */
    private Assembled loop(DurableRuns.Request request) {
        DurableRuns.Agent agent = request.agent();
        if (agent.models().isEmpty()) throw new UsageException("the run names no model");
        ModelRef primary = marble.resolver().resolve(agent.models().getFirst());
        List<ModelRef> fallbacks =
                agent.models().stream().skip(1).map(marble.resolver()::resolve).toList();
        AgentSpec spec = new AgentSpec(
                agent.kind(), primary, fallbacks, agent.instructions(), ChatOptions.DEFAULTS, limits(request));
        DurableRuns.Tools tools = request.tools();
        List<String> warnings = new ArrayList<>();
        ToolRegistry registry = StandardTools.registry(
                tools.builtins() ? LlmLoopNames.toolsets() : List.of(),
                paths(tools.functions()),
                paths(tools.mcp()),
                marble,
                warnings);
        warnings.forEach(marble::warn);
        return new Assembled(spec, registry, List.of(), null);
    }

    /** {@code marble run}'s agent: the entry agent of the files, which this worker reads at the same paths. */
    private Assembled files(DurableRuns.Request request) {
        DurableRuns.Agent agent = request.agent();
        AgentFiles space = AgentFiles.load(
                paths(agent.files()), agent.entry(), SetOverrides.parse(List.of()), marble, new Delegation(marble));
        try {
            AgentFiles.Agent entry = agent.entry() == null ? space.first() : space.agent(agent.entry());
            AgentSpec spec = space.spec(
                    entry, agent.models().isEmpty() ? null : agent.models().getFirst());
            if (request.limits().costBudgetUsd() != null) {
                spec = new AgentSpec(
                        spec.name(),
                        spec.model(),
                        spec.fallbacks(),
                        spec.instructions(),
                        spec.options(),
                        spec.limits().withCostBudget(request.limits().costBudgetUsd()));
            }
            List<String> notes = new ArrayList<>();
            ToolRegistry tools = space.tools(entry, notes);
            return new Assembled(spec, tools, space.approvalRules(entry), space);
        } catch (RuntimeException e) {
            space.close();
            throw e;
        }
    }

    private static RunLimits limits(DurableRuns.Request request) {
        DurableRuns.Limits asked = request.limits();
        RunLimits limits = RunLimits.DEFAULTS
                .withMaxTurns(asked.maxTurns())
                .withToolCallsPerTurn(asked.toolCallsPerTurn())
                .withTokenBudget(asked.tokenBudget());
        if (asked.costBudgetUsd() != null) limits = limits.withCostBudget(asked.costBudgetUsd());
        if (asked.timeoutSeconds() > 0) limits = limits.withTimeout(Duration.ofSeconds(asked.timeoutSeconds()));
        if (request.tools().timeoutSeconds() > 0) {
            limits = limits.withToolTimeout(Duration.ofSeconds(request.tools().timeoutSeconds()));
        }
        return limits;
    }

    private static List<Path> paths(List<String> files) {
        return files.stream().map(Path::of).toList();
    }
}
