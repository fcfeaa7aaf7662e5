package dev.marble.tool.builtin;

import dev.marble.tool.Tool;
import dev.marble.tool.Toolset;
import java.util.List;

/** The built-in shell tool, {@code run_command}, asked about by default. */
public final class ShellTools implements Toolset {

    private final List<Tool> tools = List.of(new RunCommandTool());

    @Override
    public String name() {
        return "shell";
    }

    @Override
    public List<Tool> tools() {
        return tools;
    }
}
