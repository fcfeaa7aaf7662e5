package dev.marble.tool.builtin;

import dev.marble.tool.Tool;
import dev.marble.tool.Toolset;
import java.util.List;

/**
 * The built-in file tools, all confined to the run's workspace by {@link WorkspacePaths}: reading
 * and searching are allowed by default, anything that changes a file is asked about.
 */
public final class FileTools implements Toolset {

    private final List<Tool> tools = List.of(
            new ReadFileTool(),
            new WriteFileTool(),
            new EditFileTool(),
            new ListDirectoryTool(),
            new GlobTool(),
            new GrepTool(),
            new MakeDirectoryTool(),
            new DeletePathTool());

    /**
     * A {@code read_file} tool of its own, for reads made on a model's behalf outside its tool calls
     * (a delegated call's attachments), which must pass the approval gate as the model's own reads do.
     */
    public static Tool readFile() {
        return new ReadFileTool();
    }

    @Override
    public String name() {
        return "files";
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }
}
