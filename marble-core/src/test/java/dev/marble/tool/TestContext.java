package dev.marble.tool;

import dev.marble.config.Environment;
import dev.marble.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool call's context, as core's own tests make one up: a run id, a workspace, an environment, time left.
 * Users' tests get the same from marble-testkit ({@code dev.marble.testkit.fake.FakeToolContext}); core's tests
 * cannot use it, since marble-testkit depends on marble-core and a test dependency back would be a cycle.
 */
public record TestContext(String runId, String toolCallId, Path workspace, Environment environment, Duration remaining)
        implements ToolContext {

    /** A call in run {@code run-test}. */
    public TestContext(Path workspace, Environment environment, Duration remaining) {
        this("run-test", "call-1", workspace, environment, remaining);
    }

    /** A call working in {@code workspace}, with this process's environment working there and five minutes left. */
    public static TestContext in(Path workspace) {
        return new TestContext(workspace, Environment.system().withWorkingDirectory(workspace), Duration.ofMinutes(5));
    }

    /** A call in run {@code runId}, working in the current directory with no environment variables. */
    public static TestContext of(String runId) {
        Path here = Path.of("").toAbsolutePath();
        return new TestContext(runId, "call-1", here, new Environment(Map.of(), here, here), Duration.ofSeconds(30));
    }

    /** Arguments from alternating names and values. */
    public static JsonNode args(Object... namesAndValues) {
        ObjectNode node = Json.object();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            node.set((String) namesAndValues[i], Json.mapper().valueToTree(namesAndValues[i + 1]));
        }
        return node;
    }

    public ToolResult call(Tool tool, Object... namesAndValues) throws Exception {
        return tool.call(args(namesAndValues), this);
    }
}
