package dev.marble.agent;

import dev.marble.config.Environment;
import dev.marble.tool.ToolContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/** The context one tool call gets: its run, its workspace, and how long it may take. */
record RunToolContext(String runId, String toolCallId, Path workspace, Environment environment, long deadlineNanos,
                      Consumer<String> progressSink) implements ToolContext {

    @Override
    public Duration remaining() {
        long left = deadlineNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    @Override
    public void progress(String message) {
        progressSink.accept(message);
    }
}
