package dev.marble.bench;

import dev.marble.Marble;
import dev.marble.agent.AgentResult;
import dev.marble.agent.AgentSpec;
import dev.marble.agent.RunControl;
import dev.marble.agent.RunEnding;
import dev.marble.agent.delegate.Delegate;
import dev.marble.agent.delegate.DelegateTool;
import dev.marble.agent.delegate.Delegation;
import dev.marble.agent.delegate.ForkTool;
import dev.marble.config.Environment;
import dev.marble.model.ModelRef;
import dev.marble.testkit.FakeOpenAiServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenRequest;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.Toolset;
import dev.marble.tool.approval.ApprovalGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Delegation against the fake OpenAI server with a latency L before every answer, through the real
 * engine ({@code Marble.agentRun}, the OpenAI provider, pricing, events):
 * <ul>
 *   <li><b>fork</b>: one run forks into 10 copies, each answering at once, then answers: the critical
 *       path is 3 model calls (fork, a copy's answer, the final answer), 3 × L;</li>
 *   <li><b>tree</b>: 50 workers: a root hands work to 7 workers in one answer, each of which hands work
 *       to 6 leaf workers in one answer; the critical path is root, worker, leaf, worker, root: 5 × L.</li>
 * </ul>
 * Reports per trial the wall time, its ratio to the critical path, and the model calls made; fails
 * when a run does not answer or a call is missing.
 * <pre>
 * build/bench.sh --delegation [--latency-ms 200] [--warmup 3] [--trials 7]
 * </pre>
 */
public final class DelegationHarness {

    private static final ModelRef MODEL = new ModelRef("openai", "gpt-4.1-mini");
    private static final int FORKS = 10;
    private static final int WORKERS = 7;
    private static final int LEAVES = 6;

    private DelegationHarness() {}

    private record Scenario(String name, int modelCalls, int criticalCalls, Supplier<AgentResult> run) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Duration latency = Duration.ofMillis(Long.parseLong(options.getOrDefault("latency-ms", "200")));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "3"));
        int trials = Integer.parseInt(options.getOrDefault("trials", "7"));
        Path project = Files.createTempDirectory("marble-delegation");
        boolean failed = false;
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.keepRequests(0);
            server.respondWith(DelegationHarness::respond).withLatency(latency);
            Environment environment = new Environment(
                    Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "bench-key-123456"),
                    project,
                    project);
            try (Marble marble = Marble.start(environment, System.err::println)) {
                Delegation delegation = new Delegation(marble);
                List<Scenario> scenarios = List.of(
                        new Scenario("fork-10", 2 + FORKS, 3, () -> fork(marble, delegation, project)),
                        new Scenario(
                                "tree-50",
                                2 + WORKERS * 2 + WORKERS * LEAVES,
                                5,
                                () -> tree(marble, delegation, project)));
                System.out.printf(
                        Locale.ROOT,
                        "delegation through Marble.agentRun, latency %d ms; Java %s, %d cores%n",
                        latency.toMillis(),
                        Runtime.version(),
                        Runtime.getRuntime().availableProcessors());
                System.out.printf(
                        Locale.ROOT,
                        "%-8s %5s %8s %9s %6s %6s%n",
                        "scenario",
                        "trial",
                        "wall ms",
                        "path ms",
                        "ratio",
                        "calls");
                for (Scenario scenario : scenarios) {
                    long path = latency.toMillis() * scenario.criticalCalls();
                    long[] walls = new long[trials];
                    for (int t = 1; t <= warmup + trials; t++) {
                        long before = server.requestCount();
                        long start = System.nanoTime();
                        AgentResult result = scenario.run().get();
                        long wall = System.nanoTime() - start;
                        long calls = server.requestCount() - before;
                        boolean ok = result.ending() == RunEnding.ANSWERED && calls == scenario.modelCalls();
                        failed |= !ok;
                        System.out.printf(
                                Locale.ROOT,
                                "%-8s %5s %8.0f %9d %6.2f %6d%s%n",
                                scenario.name(),
                                t <= warmup ? "w" + t : Integer.toString(t - warmup),
                                wall / 1e6,
                                path,
                                wall / 1e6 / path,
                                calls,
                                ok ? "" : "  FAILED: " + result.ending() + " " + result.answer());
                        if (t > warmup) walls[t - warmup - 1] = wall;
                    }
                    Arrays.sort(walls);
                    double median = walls[trials / 2] / 1e6;
                    System.out.printf(
                            Locale.ROOT,
                            "%-8s median of %d: wall %.0f ms, critical path %d ms, %.3f ×" + " (min %.0f, max %.0f)%n",
                            scenario.name(),
                            trials,
                            median,
                            path,
                            median / path,
                            walls[0] / 1e6,
                            walls[trials - 1] / 1e6);
                }
            }
        } finally {
            try (var files = Files.walk(project)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(failed ? 1 : 0);
    }

    /** The agents' scripts, told apart by their instructions. */
    private static FakeReply respond(SeenRequest request) {
        boolean answered = request.messages().getLast().role().equals("tool");
        return switch (request.system()) {
            case "fork root" -> {
                boolean copy = request.messages().stream()
                        .anyMatch(m -> m.toolResults().stream()
                                .anyMatch(r -> r.content().startsWith("pid==0")));
                if (copy) yield FakeReply.text("part done");
                if (answered) yield FakeReply.text("all parts done");
                FakeReply.Answer fork = FakeReply.toolCall("fork", "{\"prompts\": " + prompts() + "}");
                yield fork;
            }
            case "tree root" -> answered ? FakeReply.text("tree done") : calls("worker", WORKERS);
            case "worker" -> answered ? FakeReply.text("worker done") : calls("leaf", LEAVES);
            case "leaf" -> FakeReply.text("leaf done");
            default -> throw new IllegalStateException("unknown agent " + request.system());
        };
    }

    private static String prompts() {
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < FORKS; i++) prompts.add("\"part " + i + "\"");
        return "[" + String.join(", ", prompts) + "]";
    }

    private static FakeReply.Answer calls(String tool, int count) {
        FakeReply.Answer answer = FakeReply.toolCall(tool, "{\"input\": \"task 0\"}");
        for (int i = 1; i < count; i++) answer = answer.withToolCall(tool, "{\"input\": \"task " + i + "\"}");
        return answer;
    }

    private static AgentResult fork(Marble marble, Delegation delegation, Path workspace) {
        AtomicReference<Delegate> self = new AtomicReference<>();
        Supplier<ToolRegistry> tools = tools(() -> List.of(new ForkTool(self.get(), delegation)));
        self.set(new Delegate("fork root", "", MODEL, List.of(), "fork root", null, null, tools));
        return run(marble, "fork root", tools, workspace);
    }

    private static AgentResult tree(Marble marble, Delegation delegation, Path workspace) {
        Delegate leaf = new Delegate("leaf", "A leaf.", null, List.of(), "leaf", null, null, ToolRegistry::empty);
        Delegate worker = new Delegate(
                "worker",
                "A worker.",
                null,
                List.of(),
                "worker",
                null,
                null,
                tools(() -> List.of(new DelegateTool(leaf, delegation))));
        return run(marble, "tree root", tools(() -> List.of(new DelegateTool(worker, delegation))), workspace);
    }

    private static AgentResult run(Marble marble, String instructions, Supplier<ToolRegistry> tools, Path workspace) {
        AgentSpec spec = AgentSpec.of(instructions, MODEL, instructions);
        try (ToolRegistry registry = tools.get()) {
            return marble.agentRun(
                            spec, registry, ApprovalGate.allowingEverything(), RunControl.HEADLESS, workspace, "bench")
                    .run(List.of(), "Go.");
        }
    }

    private static Supplier<ToolRegistry> tools(Supplier<List<Tool>> tools) {
        return () -> ToolRegistry.of(List.of(Toolset.of("delegation bench", tools.get())));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
            String name = args[i].substring(2);
            if (i + 1 < args.length && !args[i + 1].startsWith("--")) out.put(name, args[++i]);
            else out.put(name, "");
        }
        return out;
    }
}
