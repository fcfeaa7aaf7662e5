package dev.marble.mcp;

import dev.marble.model.ToolSpec;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import tools.jackson.databind.JsonNode;

/**
 * One MCP tool as the model sees it: Marble's name and the server's description and schema. Calls
 * go to the server under the server's own name; approval is asked unless the config pre-approves it.
 */
final class McpTool implements Tool {

    private final McpToolset toolset;
    private final String serverName;
    private final ToolSpec spec;
    private final boolean preApproved;

    McpTool(McpToolset toolset, String serverName, ToolSpec spec, boolean preApproved) {
        this.toolset = toolset;
        this.serverName = serverName;
        this.spec = spec;
        this.preApproved = preApproved;
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) throws Exception {
        return toolset.call(serverName, arguments, context);
    }

    @Override
    public ApprovalDefault approvalDefault() {
        return preApproved ? ApprovalDefault.ALLOW : ApprovalDefault.ASK;
    }

    @Override
    public String toString() {
        return spec.name() + " (" + serverName + " of " + toolset.name() + ")";
    }
}
