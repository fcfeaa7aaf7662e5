package dev.marble.tool.builtin;

import dev.marble.tool.Tool;
import dev.marble.tool.Toolset;
import java.util.List;

/**
 * llm-do's {@code filesystem} toolset, for workers whose front matter names it: Marble's file tools with
 * {@code read_file} in llm-do's shape and llm-do's {@code list_files} added, so instructions written for llm-do call
 * what they expect. Every tool is a {@link FileTool}: the same workspace guard, protected files and approval gate.
 */
public final class LlmDoFileTools implements Toolset {

    private final List<Tool> tools = List.of(
            new LlmDoReadFileTool(),
            new LlmDoListFilesTool(),
            new WriteFileTool(),
            new EditFileTool(),
            new ListDirectoryTool(),
            new GlobTool(),
            new GrepTool(),
            new MakeDirectoryTool(),
            new DeletePathTool());

    @Override
    public String name() {
        return "filesystem";
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }
}
