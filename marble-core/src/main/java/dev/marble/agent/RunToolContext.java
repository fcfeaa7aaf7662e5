package dev.marble.agent;

import dev.marble.config.Environment;
import dev.marble.model.Cost;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.Usage;
import dev.marble.process.Sandbox;
import dev.marble.tool.ToolContext;
import dev.marble.tool.approval.ApprovalGate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** The context one tool call gets: its run, its workspace, and how long it may take. */
record RunToolContext(
        String runId,
        String toolCallId,
        ToolInvoker.Workplace workplace,
        long deadlineNanos,
        Consumer<String> progressSink,
        ToolInvoker.Caller caller,
        ApprovalGate approvals)
        implements ToolContext {

    @Override
    public Path workspace() {
        return workplace.workspace();
    }

    @Override
    public Environment environment() {
        return workplace.environment();
    }

    @Override
    public Sandbox sandbox() {
        return workplace.sandbox().get();
    }

    @Override
    public Duration remaining() {
        long left = deadlineNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    @Override
    public void progress(String message) {
        progressSink.accept(message);
    }

    @Override
    public int depth() {
        return caller.lineage().depth();
    }

    @Override
    public boolean forked() {
        return caller.lineage().forked();
    }

    @Override
    public ModelRef model() {
        return caller.model();
    }

    @Override
    public List<Message> conversation() {
        return caller.conversation();
    }

    @Override
    public boolean rewind(List<Message> conversation) {
        return caller.rewinder().rewindTo(conversation);
    }

    @Override
    public void spent(Usage usage, Cost cost) {
        caller.spending().spent(usage, cost);
    }
}
