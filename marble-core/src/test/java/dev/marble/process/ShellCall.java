package dev.marble.process;

import dev.marble.config.Environment;
import dev.marble.json.Json;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import dev.marble.tool.builtin.BuiltinToolsets;
import java.nio.file.Path;
import java.time.Duration;

/** run_command called as a run calls it: a workspace, an environment, and a sandbox. */
record ShellCall(Path workspace, Environment environment, Sandbox sandbox) implements ToolContext {

    static final Tool RUN_COMMAND = BuiltinToolsets.shell().tools().getFirst();

    static ShellCall unsandboxed(Path workspace) {
        return new ShellCall(
                workspace,
                Environment.system().withWorkingDirectory(workspace),
                new Sandbox.None("a test of what happens without one"));
    }

    @Override
    public String runId() {
        return "run-test";
    }

    @Override
    public String toolCallId() {
        return "call-1";
    }

    @Override
    public Duration remaining() {
        return Duration.ofMinutes(5);
    }

    ToolResult run(String command, int timeoutSeconds) throws Exception {
        return RUN_COMMAND.call(Json.object().put("command", command).put("timeout_seconds", timeoutSeconds), this);
    }

    ToolResult run(String command) throws Exception {
        return RUN_COMMAND.call(Json.object().put("command", command), this);
    }
}
