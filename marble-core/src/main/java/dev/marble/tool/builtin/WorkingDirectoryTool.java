package dev.marble.tool.builtin;

import dev.marble.json.JsonSchemas;
import dev.marble.model.ToolSpec;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import tools.jackson.databind.JsonNode;

/** llm-loop's {@code current_working_directory}: the workspace, the folder the file and shell tools work in. */
final class WorkingDirectoryTool implements Tool {

    private static final ToolSpec SPEC = new ToolSpec(
            "current_working_directory",
            "The folder the file and shell tools work in (the workspace); relative paths start there.",
            JsonSchemas.object().build());

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) {
        return ToolResult.ok(context.workspace().toString());
    }

    @Override
    public ApprovalDefault approvalDefault() {
        return ApprovalDefault.ALLOW;
    }
}
