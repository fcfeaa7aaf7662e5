package dev.marble.tool.python;

import dev.marble.tool.Tool;
import dev.marble.tool.Toolset;
import java.util.List;

/**
 * The tools of one Python file (llm-loop) or of one {@code FunctionToolset} variable in it (llm-do). Closing it ends
 * the file's host; a file with several toolsets is closed by whoever loaded it.
 */
public final class PythonToolset implements Toolset {

    private final String name;
    private final String label;
    private final List<Tool> tools;
    private final PythonFile file;

    PythonToolset(String name, String label, List<Tool> tools, PythonFile file) {
        this.name = name;
        this.label = label;
        this.tools = List.copyOf(tools);
        this.file = file;
    }

    /** The variable a worker's {@code toolsets} names it by, or the file's name for llm-loop's style. */
    public String variable() {
        return name;
    }

    @Override
    public String name() {
        return label;
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }

    public PythonFile file() {
        return file;
    }

    @Override
    public void close() {
        file.close();
    }
}
