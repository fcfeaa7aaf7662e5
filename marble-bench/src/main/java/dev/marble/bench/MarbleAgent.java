package dev.marble.bench;

import dev.marble.Marble;
import dev.marble.agent.AgentResult;
import dev.marble.agent.AgentSpec;
import dev.marble.agent.RunControl;
import dev.marble.agent.RunEnding;
import dev.marble.agent.RunLimits;
import dev.marble.config.Environment;
import dev.marble.json.Json;
import dev.marble.model.ChatOptions;
import dev.marble.model.ModelRef;
import dev.marble.model.ToolSpec;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.ToolResult;
import dev.marble.tool.Toolset;
import dev.marble.tool.approval.ApprovalGate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/** Marble's agent engine, set up once; {@link #run()} is one {@link RunShape} run through {@code Marble.agentRun}. */
final class MarbleAgent implements BenchAgent {

    private static final ToolSpec SPEC = new ToolSpec(
            RunShape.TOOL,
            "Looks a step up.",
            Json.parse(
                    "{\"type\":\"object\",\"properties\":{\"step\":{\"type\":\"integer\"}},\"required\":[\"step\"]}"));

    private static final AtomicLong TOOL_CALLS = new AtomicLong();

    /** The in-process tool: no I/O, allowed without asking. */
    private static final Tool LOOKUP = new Tool() {
        @Override
        public ToolSpec spec() {
            return SPEC;
        }

        @Override
        public ToolResult call(JsonNode arguments, ToolContext context) {
            TOOL_CALLS.incrementAndGet();
            return ToolResult.ok(RunShape.lookup(arguments.path("step").asLong()));
        }

        @Override
        public ApprovalDefault approvalDefault() {
            return ApprovalDefault.ALLOW;
        }
    };

    private final Marble marble;
    private final ToolRegistry tools;
    private final ApprovalGate gate = ApprovalGate.allowingEverything();
    private final AgentSpec spec = new AgentSpec(
            "bench",
            new ModelRef("openai", "gpt-4.1-mini"),
            List.of(),
            RunShape.INSTRUCTIONS,
            ChatOptions.DEFAULTS,
            RunLimits.DEFAULTS);
    private final Path workspace;

    MarbleAgent(String baseUrl, Path project, boolean journal) {
        this.workspace = project;
        Environment environment = new Environment(
                Map.of("OPENAI_BASE_URL", baseUrl, "OPENAI_API_KEY", "bench-key-123456"), project, project);
        this.marble = Marble.start(environment, System.err::println);
        if (journal) marble.openJournal();
        this.tools = ToolRegistry.of(List.of(new Toolset() {
            @Override
            public String name() {
                return "bench";
            }

            @Override
            public List<Tool> tools() {
                return List.of(LOOKUP);
            }
        }));
    }

    /** One run; null when it went as planned, else what went wrong. */
    @Override
    public String run() {
        AgentResult result = marble.agentRun(spec, tools, gate, RunControl.HEADLESS, workspace, "bench")
                .run(List.of(), RunShape.GOAL);
        if (result.ending() != RunEnding.ANSWERED) return result.ending() + ": " + result.detail();
        if (result.turns() != RunShape.MODEL_CALLS) return result.turns() + " turns";
        if (!RunShape.ANSWER.equals(result.answer())) return "answer " + result.answer();
        return null;
    }

    /** Tool calls made so far, all runs together. */
    @Override
    public long toolCalls() {
        return TOOL_CALLS.get();
    }

    @Override
    public void close() {
        tools.close();
        marble.close();
    }
}
