package dev.marble.mcp;

import dev.marble.config.Environment;
import dev.marble.tool.ToolContext;

import java.nio.file.Path;
import java.time.Duration;

/** A ToolContext for calling tools directly, as the engine would. */
record TestContext(Environment environment, Duration remaining) implements ToolContext {

    static TestContext of() {
        return new TestContext(McpPeers.environment(), Duration.ofSeconds(30));
    }

    @Override
    public String runId() {
        return "test-run";
    }

    @Override
    public String toolCallId() {
        return "call-1";
    }

    @Override
    public Path workspace() {
        return environment.workingDirectory();
    }
}
