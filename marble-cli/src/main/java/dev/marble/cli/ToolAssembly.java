package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.error.UsageException;
import dev.marble.mcp.McpToolsets;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.Toolset;
import dev.marble.tool.builtin.BuiltinToolsets;
import dev.marble.tool.java.JavaTools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@link ToolFlags} into the run's tools: the built-in file and shell toolsets, Java tools,
 * MCP servers. Building the registry starts what needs starting (MCP servers); a duplicate name is
 * an error naming both sources.
 */
final class ToolAssembly {

    private ToolAssembly() {}

    static Path workspace(ToolFlags flags, CliContext context) {
        Path cwd = context.environment().workingDirectory();
        Path workspace = flags.workspace == null ? cwd : cwd.resolve(flags.workspace).normalize();
        if (!Files.isDirectory(workspace)) throw new UsageException("-C " + flags.workspace + ": no such folder");
        return workspace;
    }

    static ToolRegistry registry(ToolFlags flags, Marble marble, List<String> warnings) {
        return registry(!flags.noBuiltins, !flags.noBuiltins, flags.functions, flags.mcp, marble, warnings);
    }

    /** The built-in file and shell toolsets as asked, then Java tools, then MCP servers, paths from the working directory. */
    static ToolRegistry registry(boolean files, boolean shell, List<Path> functions, List<Path> mcp, Marble marble,
                                 List<String> warnings) {
        List<Toolset> toolsets = new ArrayList<>();
        if (files) toolsets.add(BuiltinToolsets.files());
        if (shell) toolsets.add(BuiltinToolsets.shell());
        Path cwd = marble.environment().workingDirectory();
        for (Path file : functions) {
            toolsets.addAll(JavaTools.load(cwd.resolve(file), marble.stateDirectory().resolve("cache/functions")));
        }
        for (Path config : mcp) {
            McpToolsets loaded = McpToolsets.load(cwd.resolve(config), marble.environment());
            loaded.warnings().forEach(warning -> warnings.add("warning: " + warning));
            toolsets.addAll(loaded.toolsets());
        }
        return ToolRegistry.of(toolsets);
    }
}
