package dev.marble.api;

import dev.marble.config.Environment;
import dev.marble.model.ModelRef;
import dev.marble.tool.ToolContext;
import dev.marble.tool.approval.ApprovalGate;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The context of a code entry (llm-do's Python function as the entry): a run of depth 0 of its own, whose calls back
 * pass {@code approvals} and whose delegated workers inherit {@code model}.
 */
record EntryContext(String runId, Path workspace, Environment environment, ApprovalGate approvals, ModelRef model)
        implements ToolContext {

    /**
     * A code entry orchestrates whole runs of workers, so it gets an hour rather than a tool's minutes; Ctrl+C stops
     * it sooner.
     */
    static final Duration TIME = Duration.ofHours(1);

    @Override
    public String toolCallId() {
        return "entry";
    }

    @Override
    public Duration remaining() {
        return TIME;
    }
}
