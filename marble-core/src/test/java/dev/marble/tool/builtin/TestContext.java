package dev.marble.tool.builtin;

import dev.marble.config.Environment;
import dev.marble.json.Json;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Duration;

/** A run as a tool sees it: a workspace, an environment, time left. */
record TestContext(Path workspace, Environment environment, Duration remaining) implements ToolContext {

    static TestContext in(Path workspace) {
        return new TestContext(workspace, Environment.system().withWorkingDirectory(workspace), Duration.ofMinutes(5));
    }

    @Override
    public String runId() {
        return "run-test";
    }

    @Override
    public String toolCallId() {
        return "call-1";
    }

    /** Arguments from alternating names and values. */
    static JsonNode args(Object... namesAndValues) {
        ObjectNode node = Json.object();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.set((String) namesAndValues[i], Json.MAPPER.valueToTree(namesAndValues[i + 1]));
        }
        return node;
    }

    ToolResult call(Tool tool, Object... namesAndValues) throws Exception {
        return tool.call(args(namesAndValues), this);
    }
}
