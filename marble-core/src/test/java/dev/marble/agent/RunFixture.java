package dev.marble.agent;

import dev.marble.config.Environment;
import dev.marble.event.Event;
import dev.marble.event.EventBus;
import dev.marble.event.EventJson;
import dev.marble.event.Ids;
import dev.marble.json.JsonSchemas;
import dev.marble.json.ObjectSchema;
import dev.marble.model.ModelRef;
import dev.marble.model.ToolSpec;
import dev.marble.process.Sandbox;
import dev.marble.provider.ChatModel;
import dev.marble.provider.ObservedChatModel;
import dev.marble.provider.scripted.ScriptFile;
import dev.marble.provider.scripted.ScriptedChatModel;
import dev.marble.secret.SecretRedactor;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.ToolResult;
import dev.marble.tool.Toolset;
import dev.marble.tool.approval.ApprovalGate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Runs of the real engine against scripted replies (the real scripted provider), with small tools
 * written for the tests, and every event kept for assertions.
 */
final class RunFixture {

    final Path temp;
    final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    final EventBus bus = EventBus.quiet();

    RunFixture(Path temp) {
        this.temp = temp;
        bus.subscribe(events::add);
    }

    ChatModel replay(String yaml) {
        try {
            Path file = Files.writeString(Files.createTempFile(temp, "replies", ".yaml"), yaml);
            return new ScriptedChatModel(
                    new ModelRef("scripted", file.getFileName().toString()), ScriptFile.load(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    AgentResult run(String yaml, RunLimits limits, ApprovalGate gate, RunControl control, List<Tool> tools) {
        return run(replay(yaml), limits, gate, control, tools);
    }

    AgentResult run(ChatModel model, RunLimits limits, ApprovalGate gate, RunControl control, List<Tool> tools) {
        ToolRegistry registry = ToolRegistry.of(List.of(toolset("test tools", tools)));
        Environment env = new Environment(Map.of(), temp, temp);
        RunServices services = services();
        ToolInvoker invoker = new ToolInvoker(
                registry, gate, new ToolInvoker.Workplace(temp, env, () -> new Sandbox.None("a test")), services);
        AgentSpec spec = new AgentSpec("test", model.ref(), List.of(), "You are a test agent.", null, limits);
        // Observed as in production, so model calls are events too.
        ChatModel observed = new ObservedChatModel(model, List.of(), bus, "run-1", Clock.systemUTC());
        return new AgentRun(
                        RunIdentity.root("run-1", "test"),
                        new RunParts(spec, observed, registry, invoker, control),
                        services)
                .run(List.of(), "Do the thing.");
    }

    /** The fixture's bus and the system clock, as a run gets them from Marble. */
    RunServices services() {
        return new RunServices(
                bus, Clock.systemUTC(), Ids::next, new SecretRedactor(), new Environment(Map.of(), temp, temp));
    }

    List<String> eventTypes() {
        synchronized (events) {
            return events.stream()
                    .map(EventJson::type)
                    .filter(t -> !t.equals("text_delta"))
                    .toList();
        }
    }

    static Toolset toolset(String name, List<Tool> tools) {
        return Toolset.of(name, tools);
    }

    /** A tool made of a lambda, with a schema of string properties (all required). */
    static Tool tool(String name, ApprovalDefault approval, Body body, String... properties) {
        ObjectSchema schema = JsonSchemas.object();
        for (String property : properties) schema.string(property, null);
        ToolSpec spec = new ToolSpec(name, "test tool " + name, schema.build());
        return new Tool() {
            @Override
            public ToolSpec spec() {
                return spec;
            }

            @Override
            public ToolResult call(JsonNode arguments, ToolContext context) throws Exception {
                return body.call(arguments, context);
            }

            @Override
            public ApprovalDefault approvalDefault() {
                return approval;
            }

            @Override
            public String approvalSubject(JsonNode arguments, Path workspace) {
                return arguments
                        .path(properties.length > 0 ? properties[0] : "")
                        .asString(null);
            }
        };
    }

    @FunctionalInterface
    interface Body {
        ToolResult call(JsonNode arguments, ToolContext context) throws Exception;
    }

    static Tool weather() {
        return tool(
                "get_weather",
                ApprovalDefault.ALLOW,
                (args, ctx) -> ToolResult.ok("sunny in " + args.path("city").asString()),
                "city");
    }

    static Tool counting(String name, AtomicInteger calls) {
        return tool(
                name,
                ApprovalDefault.ASK,
                (args, ctx) -> {
                    calls.incrementAndGet();
                    return ToolResult.ok("done " + args.path("path").asString());
                },
                "path");
    }
}
