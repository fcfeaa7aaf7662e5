package dev.marble.cli;

import dev.marble.tool.Tool;
import dev.marble.tool.ToolAlias;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.approval.ApprovalRequest;
import dev.marble.tool.builtin.FileTools;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which approvals can be shown as a file change: calls of Marble's own write_file and edit_file in the run's
 * registry, whatever toolset brought them in (files, an llm-do filesystem toolset, an LLMProc program's tools). A
 * tool of the same name from an MCP server or a Java toolset writes who knows where, so it is shown as its arguments.
 */
record ChangePreview(Path workspace, ToolRegistry registry) {

    /** No previews: every call is shown as its arguments. */
    static final ChangePreview NONE = new ChangePreview(null, null);

    Optional<FileChange> of(ApprovalRequest request) {
        if (registry == null || !builtIn(registry.find(request.toolName()))) return Optional.empty();
        return FileChange.of(request.toolName(), request.arguments(), workspace);
    }

    private static boolean builtIn(Optional<Tool> tool) {
        // llm-loop's names for the built-in tools (write_file with file_path) preview as the tool they stand for.
        Optional<Tool> real = tool.map(found -> found instanceof ToolAlias alias ? alias.target() : found);
        return real.isPresent() && real.get().getClass().getPackageName().equals(FileTools.class.getPackageName());
    }
}
