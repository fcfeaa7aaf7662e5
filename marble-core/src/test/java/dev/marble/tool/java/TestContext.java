package dev.marble.tool.java;

import dev.marble.config.Environment;
import dev.marble.tool.ToolContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A tool call's context, as a test makes one up. */
record TestContext(String runId, String toolCallId, Path workspace, Environment environment, Duration remaining)
        implements ToolContext {

    static TestContext of(String runId) {
        Path here = Path.of("").toAbsolutePath();
        return new TestContext(runId, "call-1", here, new Environment(Map.of(), here, here), Duration.ofSeconds(30));
    }
}
