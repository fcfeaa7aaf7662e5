package dev.marble.tool.python;

import dev.marble.model.ToolSpec;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import tools.jackson.databind.JsonNode;

/**
 * A Python function as a tool. Like a Java tool it is asked about unless a rule allows it: Marble cannot tell
 * what the function does.
 */
final class PythonTool implements Tool {

    private final PythonFile file;
    private final String toolset;
    private final ToolSpec spec;

    PythonTool(PythonFile file, String toolset, ToolSpec spec) {
        this.file = file;
        this.toolset = toolset;
        this.spec = spec;
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ApprovalDefault approvalDefault() {
        return ApprovalDefault.ASK;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) throws Exception {
        return file.call(toolset, spec.name(), arguments, context);
    }
}
