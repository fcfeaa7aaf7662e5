package dev.marble.tool.python;

import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import tools.jackson.databind.JsonNode;

/**
 * What answers a Python tool's {@code ctx.deps.call(name, arguments)}: a worker or tool of the run, run with the
 * context of the Python tool's own call (its depth, its approval gate, its time left).
 */
@FunctionalInterface
public interface CallBack {

    ToolResult call(String name, JsonNode arguments, ToolContext context) throws Exception;

    /** For files whose tools have nothing to call back to (llm-loop's). */
    CallBack NONE = (name, arguments, context) -> ToolResult.error(
            "ctx.deps.call('" + name + "') has nothing to call here: only workers' Python toolsets (marble run,"
                    + " marble chat) can call workers and tools");
}
