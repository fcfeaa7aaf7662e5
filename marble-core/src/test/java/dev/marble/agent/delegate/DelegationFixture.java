package dev.marble.agent.delegate;

import dev.marble.Marble;
import dev.marble.agent.AgentResult;
import dev.marble.agent.AgentSpec;
import dev.marble.agent.RunControl;
import dev.marble.config.Environment;
import dev.marble.event.Event;
import dev.marble.model.ModelRef;
import dev.marble.testkit.FakeOpenAiServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenMessage;
import dev.marble.testkit.SeenRequest;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.Toolset;
import dev.marble.tool.approval.ApprovalGate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The real engine (Marble, its OpenAI provider, pricing, events) against the fake OpenAI server.
 * Each agent is told apart by its instructions: the server answers a request with the script of the
 * agent whose instructions it carries.
 */
final class DelegationFixture implements AutoCloseable {

    static final ModelRef MINI = new ModelRef("openai", "gpt-4.1-mini");
    static final ModelRef FULL = new ModelRef("openai", "gpt-4.1");

    final FakeOpenAiServer server = FakeOpenAiServer.start();
    final Marble marble;
    final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Function<SeenRequest, FakeReply>> scripts = new ConcurrentHashMap<>();
    private final Path workspace;

    DelegationFixture(Path workspace) {
        this.workspace = workspace;
        Environment environment = new Environment(
                Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-test-delegation-0123"),
                workspace,
                workspace);
        marble = Marble.start(environment, warning -> {});
        marble.events().subscribe(events::add);
        server.respondWith(request -> {
            var script = scripts.get(request.system());
            if (script == null) throw new IllegalStateException("no agent has the instructions " + request.system());
            return script.apply(request);
        });
    }

    /** Answers requests that carry {@code instructions} with {@code script}. */
    void agent(String instructions, Function<SeenRequest, FakeReply> script) {
        scripts.put(instructions, script);
    }

    AgentResult run(AgentSpec spec, Supplier<ToolRegistry> tools, ApprovalGate gate, String goal) {
        try (ToolRegistry registry = tools.get()) {
            return marble.agentRun(spec, registry, gate, RunControl.HEADLESS, workspace, "run")
                    .run(List.of(), goal);
        }
    }

    static AgentSpec spec(String name, ModelRef model, String instructions) {
        return AgentSpec.of(name, model, instructions);
    }

    static Supplier<ToolRegistry> tools(Supplier<List<Tool>> tools) {
        return () -> ToolRegistry.of(List.of(Toolset.of("delegation test", tools.get())));
    }

    static SeenMessage last(SeenRequest request) {
        return request.messages().getLast();
    }

    /** Whether the request comes back with tool results (the second turn of a caller). */
    static boolean answered(SeenRequest request) {
        return last(request).role().equals("tool");
    }

    /** The content of the first tool result of the request's last message. */
    static String toolResult(SeenRequest request) {
        return last(request).toolResults().getFirst().content();
    }

    List<Event.RunStarted> runsStarted() {
        synchronized (events) {
            return events.stream()
                    .filter(Event.RunStarted.class::isInstance)
                    .map(Event.RunStarted.class::cast)
                    .toList();
        }
    }

    @Override
    public void close() {
        marble.close();
        server.close();
    }
}
