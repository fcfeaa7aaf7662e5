package dev.marble.testkit.fake;

import dev.marble.config.Environment;
import dev.marble.json.Json;
import dev.marble.model.Cost;
import dev.marble.model.Usage;
import dev.marble.process.Sandbox;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import dev.marble.tool.approval.ApprovalGate;
import dev.marble.tool.approval.ApprovalPolicy;
import dev.marble.tool.approval.Approver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link ToolContext} for calling a tool directly in a unit test, as a run would: a workspace (a fresh
 * temporary folder, or one the test names), this process's environment working in it, five minutes left,
 * no sandbox, no approval gate. It records what the tool reports back ({@link #progressReported()},
 * {@link #spending()}).
 *
 * <pre>{@code
 * FakeToolContext context = FakeToolContext.inTempWorkspace();
 * ToolResult result = context.call(tool, "path", "notes.txt", "content", "hello");
 * assertThat(context.workspace().resolve("notes.txt")).hasContent("hello");
 * }</pre>
 *
 * The {@code with...} methods return a changed copy, which records on its own.
 */
public final class FakeToolContext implements ToolContext {

    /** What a tool booked on the run with {@link ToolContext#spent}. */
    public record Spending(Usage usage, Cost cost) {}

    private String runId = "run-test";
    private String toolCallId = "call-1";
    private Path workspace;
    private Environment environment;
    private Duration remaining = Duration.ofMinutes(5);
    private ApprovalGate approvals;
    private Sandbox sandbox; // null: ToolContext's own answer for a call outside a run
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final List<Spending> spent = new CopyOnWriteArrayList<>();

    private FakeToolContext(Path workspace, Environment environment) {
        this.workspace = workspace;
        this.environment = environment;
    }

    /** A context whose workspace is {@code workspace}, with this process's environment working there. */
    public static FakeToolContext in(Path workspace) {
        return new FakeToolContext(workspace, Environment.system().withWorkingDirectory(workspace));
    }

    /** A context whose workspace is a new, empty temporary folder (the test deletes it, or the OS does). */
    public static FakeToolContext inTempWorkspace() {
        try {
            return in(Files.createTempDirectory("marble-tool-test").toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same context with {@code environment}, used as given (its working directory included). */
    public FakeToolContext withEnvironment(Environment environment) {
        return copy(c -> c.environment = environment);
    }

    /** The same context with one more environment variable. */
    public FakeToolContext withVariable(String name, String value) {
        return copy(c -> c.environment = environment.withVariable(name, value));
    }

    /** The same context with {@code remaining} left before the call is stopped. */
    public FakeToolContext withRemaining(Duration remaining) {
        return copy(c -> c.remaining = remaining);
    }

    public FakeToolContext withRunId(String runId) {
        return copy(c -> c.runId = runId);
    }

    public FakeToolContext withToolCallId(String toolCallId) {
        return copy(c -> c.toolCallId = toolCallId);
    }

    /** The same context passing {@code gate}, the gate a tool that runs agents hands on to them. */
    public FakeToolContext withApprovals(ApprovalGate gate) {
        return copy(c -> c.approvals = gate);
    }

    /** The same context with a gate that has no rules and asks {@code approver} about every call. */
    public FakeToolContext withApprover(Approver approver) {
        return withApprovals(new ApprovalGate(new ApprovalPolicy(List.of(), false), approver));
    }

    public FakeToolContext withSandbox(Sandbox sandbox) {
        return copy(c -> c.sandbox = sandbox);
    }

    /** Calls {@code tool} with arguments given as alternating names and values, in this context. */
    public ToolResult call(Tool tool, Object... namesAndValues) throws Exception {
        return tool.call(arguments(namesAndValues), this);
    }

    /** Tool arguments from alternating names and values: {@code arguments("path", "a.txt", "limit", 10)}. */
    public static JsonNode arguments(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "names and values alternate, but " + namesAndValues.length + " were given");
        }
        ObjectNode node = Json.object();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.set((String) namesAndValues[i], Json.mapper().valueToTree(namesAndValues[i + 1]));
        }
        return node;
    }

    /** What the tool reported with {@link ToolContext#progress}, in order. */
    public List<String> progressReported() {
        return List.copyOf(progress);
    }

    /** What the tool booked with {@link ToolContext#spent}, in order. */
    public List<Spending> spending() {
        return List.copyOf(spent);
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public String toolCallId() {
        return toolCallId;
    }

    @Override
    public Path workspace() {
        return workspace;
    }

    @Override
    public Environment environment() {
        return environment;
    }

    @Override
    public Duration remaining() {
        return remaining;
    }

    @Override
    public Sandbox sandbox() {
        return sandbox != null ? sandbox : ToolContext.super.sandbox();
    }

    @Override
    public ApprovalGate approvals() {
        return approvals;
    }

    @Override
    public void progress(String message) {
        progress.add(message);
    }

    @Override
    public void spent(Usage usage, Cost cost) {
        spent.add(new Spending(usage, cost));
    }

    private FakeToolContext copy(Consumer<FakeToolContext> change) {
        FakeToolContext copy = new FakeToolContext(workspace, environment);
        copy.runId = runId;
        copy.toolCallId = toolCallId;
        copy.remaining = remaining;
        copy.approvals = approvals;
        copy.sandbox = sandbox;
        change.accept(copy);
        return copy;
    }
}
