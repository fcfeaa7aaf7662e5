package dev.marble.agent;

import dev.marble.config.Environment;
import dev.marble.event.Event;
import dev.marble.event.EventBus;
import dev.marble.model.Cost;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.Part;
import dev.marble.model.Usage;
import dev.marble.process.Sandbox;
import dev.marble.secret.SecretRedactor;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.ToolResult;
import dev.marble.tool.approval.ApprovalGate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * Runs the tool calls of one answer, in order, each through the same gates: the tool must exist,
 * its arguments must fit its schema, the approval policy must let it run, it must finish in time,
 * and its output is cut to the limit. Every failure becomes a result the model sees; nothing a
 * tool does ends the run, except Ctrl+C.
 */
public final class ToolInvoker {

    private final ToolRegistry registry;
    private final ApprovalGate gate;
    private final EventBus events;
    private final SecretRedactor redactor;
    private final Workplace workplace;
    private final Clock clock;
    /** Of arguments that are not JSON, this much is quoted back: the rest would only fill the context. */
    private static final int UNPARSED_SHOWN = 500;

    private final ArgumentValidator validator = new ArgumentValidator();

    /**
     * Where the tools work: the workspace they may not leave, the environment they get, and the sandbox shell
     * commands run in (asked for when the first command runs: choosing it tries bubblewrap, which a run without
     * a shell tool has no need of).
     */
    public record Workplace(Path workspace, Environment environment, Supplier<Sandbox> sandbox) {
        public Workplace {
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(sandbox, "sandbox");
        }
    }

    /** Runs calls of {@code registry}'s tools behind {@code gate}, in {@code workplace}. */
    public ToolInvoker(ToolRegistry registry, ApprovalGate gate, Workplace workplace, RunServices services) {
        this.registry = registry;
        this.gate = gate;
        this.events = services.events();
        this.redactor = services.redactor();
        this.workplace = workplace;
        this.clock = services.clock();
    }

    /** The results of the calls, in their order; interrupted calls are answered as such. */
    public record Outcome(List<Part> results, boolean interrupted) {}

    /** Where a tool reports what it spent (a child run's tokens and dollars) to the run that called it. */
    @FunctionalInterface
    public interface Spending {
        void spent(Usage usage, Cost cost);
    }

    /** Where a tool hands the calling run the conversation it continues from ({@link ToolContext#rewind}). */
    @FunctionalInterface
    public interface Rewinder {
        Rewinder NONE = conversation -> false;

        boolean rewindTo(List<Message> conversation);
    }

    /**
     * What the calling run tells its tools about itself: its place in the delegation tree, its model,
     * its conversation so far (up to the message that made the calls), where spending is booked, and
     * where a rewound conversation goes.
     */
    public record Caller(
            RunLineage lineage, ModelRef model, List<Message> conversation, Spending spending, Rewinder rewinder) {
        public Caller {
            conversation = List.copyOf(conversation);
        }

        public Caller(RunLineage lineage, ModelRef model, List<Message> conversation, Spending spending) {
            this(lineage, model, conversation, spending, Rewinder.NONE);
        }

        static final Caller NONE = new Caller(RunLineage.ROOT, null, List.of(), (usage, cost) -> {});
    }

    public Outcome invokeAll(List<Part.ToolCall> calls, String runId, RunLimits limits, Duration runTimeLeft) {
        return invokeAll(calls, runId, limits, runTimeLeft, Caller.NONE);
    }

    public Outcome invokeAll(
            List<Part.ToolCall> calls, String runId, RunLimits limits, Duration runTimeLeft, Caller caller) {
        if (calls.size() > 1
                && (limits.toolCallsPerTurn() == 0 || calls.size() <= limits.toolCallsPerTurn())
                && calls.stream()
                        .allMatch(call ->
                                registry.find(call.name()).map(Tool::parallel).orElse(false))) {
            return invokeInParallel(calls, runId, limits, runTimeLeft, caller);
        }
        List<Part> results = new ArrayList<>(calls.size());
        boolean interrupted = false;
        for (int i = 0; i < calls.size(); i++) {
            Part.ToolCall call = calls.get(i);
            if (interrupted || Thread.currentThread().isInterrupted()) {
                interrupted = true;
                results.add(new Part.ToolResult(call.id(), "not run: the run was interrupted", true));
                continue;
            }
            var past = limits.pastToolCallsPerTurn(call, i);
            if (past.isPresent()) {
                results.add(past.get());
                continue;
            }
            Duration timeout = runTimeLeft == null || runTimeLeft.compareTo(limits.toolTimeout()) > 0
                    ? limits.toolTimeout()
                    : runTimeLeft;
            ToolResult result = invoke(call, runId, timeout, caller);
            interrupted = Thread.currentThread().isInterrupted();
            results.add(new Part.ToolResult(
                    call.id(), limit(result.content(), limits.toolOutputLimit()), result.isError()));
        }
        return new Outcome(results, interrupted);
    }

    /**
     * Calls of tools that may run together (see {@link Tool#parallel()}), each on a virtual thread
     * through the same gates; the results keep the calls' order.
     */
    private Outcome invokeInParallel(
            List<Part.ToolCall> calls, String runId, RunLimits limits, Duration runTimeLeft, Caller caller) {
        Duration timeout = runTimeLeft == null || runTimeLeft.compareTo(limits.toolTimeout()) > 0
                ? limits.toolTimeout()
                : runTimeLeft;
        List<Part> results = new ArrayList<>(calls.size());
        boolean interrupted = false;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ToolResult>> running = new ArrayList<>();
            for (Part.ToolCall call : calls) running.add(threads.submit(() -> invoke(call, runId, timeout, caller)));
            for (int i = 0; i < calls.size(); i++) {
                String id = calls.get(i).id();
                if (interrupted) {
                    results.add(new Part.ToolResult(id, "not run: the run was interrupted", true));
                    continue;
                }
                try {
                    ToolResult result = running.get(i).get();
                    results.add(new Part.ToolResult(
                            id, limit(result.content(), limits.toolOutputLimit()), result.isError()));
                } catch (InterruptedException e) {
                    interrupted = true;
                    threads.shutdownNow();
                    results.add(new Part.ToolResult(id, "interrupted", true));
                } catch (ExecutionException e) {
                    results.add(new Part.ToolResult(
                            id,
                            "failed: "
                                    + redactor.redact(
                                            String.valueOf(e.getCause().getMessage())),
                            true));
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return new Outcome(results, interrupted);
    }

    private ToolResult invoke(Part.ToolCall call, String runId, Duration timeout, Caller caller) {
        long start = System.nanoTime();
        String source = registry.sourceOf(call.name());
        events.publish(new Event.ToolCalled(runId, clock.instant(), call.id(), call.name(), source, call.arguments()));
        // Redacted before anyone sees it, the model included: a key a tool printed (a .env file read, a config
        // dumped) would otherwise reach the provider, the journal, every stream and every export.
        ToolResult raw = gateAndRun(call, runId, source, timeout, caller);
        ToolResult result = new ToolResult(redactor.redact(raw.content()), raw.isError());
        events.publish(new Event.ToolReturned(
                runId,
                clock.instant(),
                call.id(),
                call.name(),
                result.content(),
                result.isError(),
                Duration.ofNanos(System.nanoTime() - start)));
        return result;
    }

    private ToolResult gateAndRun(Part.ToolCall call, String runId, String source, Duration timeout, Caller caller) {
        var found = registry.find(call.name());
        if (found.isEmpty()) {
            return ToolResult.error(
                    "unknown tool '" + call.name() + "'; the tools are: " + String.join(", ", registry.names()));
        }
        Tool tool = found.get();
        JsonNode arguments = call.arguments();
        if (ArgumentSize.exceeds(arguments, ArgumentSize.LIMIT_BYTES)) {
            return ToolResult.error("not run: the arguments are larger than the " + ArgumentSize.SHOWN_LIMIT
                    + " of JSON a tool call may have; send smaller arguments (split large content over several calls)");
        }
        if (arguments.has("_unparsed_arguments")) {
            return ToolResult.error("the arguments were not valid JSON: "
                    + shortened(arguments.path("_unparsed_arguments").asString(), UNPARSED_SHOWN));
        }
        var problems = validator.problems(tool.spec(), arguments);
        if (problems.isPresent()) {
            return ToolResult.error("the arguments do not match the schema of " + tool.name() + ": " + problems.get());
        }
        ApprovalGate.Verdict verdict = approve(tool, source, call, runId);
        if (!verdict.allowed()) return ToolResult.error("not run: " + verdict.reason());
        return run(tool, arguments, call.id(), runId, timeout, caller);
    }

    private ApprovalGate.Verdict approve(Tool tool, String source, Part.ToolCall call, String runId) {
        ApprovalGate.Verdict verdict = gate.check(
                tool,
                source,
                call.arguments(),
                runId,
                workplace.workspace(),
                reason -> events.publish(
                        new Event.ApprovalRequested(runId, clock.instant(), call.id(), tool.name(), reason)));
        events.publish(new Event.ApprovalDecided(
                runId,
                clock.instant(),
                call.id(),
                tool.name(),
                verdict.allowed(),
                verdict.decidedBy(),
                verdict.reason()));
        return verdict;
    }

    /**
     * Runs the tool on a virtual thread of its own, so a tool that hangs can be abandoned at its time
     * limit (it is interrupted; well-behaved tools stop) while the run goes on.
     */
    private ToolResult run(
            Tool tool, JsonNode arguments, String callId, String runId, Duration timeout, Caller caller) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RunToolContext context = new RunToolContext(runId, callId, workplace, deadline, message -> {}, caller, gate);
        FutureTask<ToolResult> task = new FutureTask<>(() -> tool.call(arguments, context));
        Thread worker = Thread.ofVirtual().name("tool-" + tool.name()).start(task);
        try {
            ToolResult result = task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return result == null ? ToolResult.ok("") : result;
        } catch (TimeoutException e) {
            task.cancel(true);
            return ToolResult.error(tool.name() + " did not finish within " + seconds(timeout) + " and was stopped");
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            return ToolResult.error("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = cause.getMessage() == null || cause.getMessage().isBlank()
                    ? cause.getClass().getSimpleName()
                    : cause.getMessage();
            return ToolResult.error(tool.name() + " failed: " + redactor.redact(message));
        } finally {
            if (worker.isAlive()) worker.interrupt();
        }
    }

    /** Keeps the head and the tail of a long result: errors tend to be at the end, context at the start. */
    static String limit(String content, int limit) {
        if (content.length() <= limit) return content;
        int head = limit * 2 / 3;
        int tail = limit - head;
        int cut = content.length() - head - tail;
        return content.substring(0, head) + "\n[... " + cut + " of " + content.length() + " characters cut ...]\n"
                + content.substring(content.length() - tail);
    }

    /** At most {@code max} characters of {@code text}: enough for the model to see what it sent. */
    private static String shortened(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "… (" + text.length() + " characters)";
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
