package dev.marble.api;

import dev.marble.Marble;
import dev.marble.mcp.McpToolsets;
import dev.marble.process.Sandbox;
import dev.marble.process.SandboxChooser;
import dev.marble.process.SandboxMode;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.Toolset;
import dev.marble.tool.builtin.BuiltinToolsets;
import dev.marble.tool.java.JavaTools;
import dev.marble.tool.python.PythonFile;
import dev.marble.tool.python.PythonSetup;
import dev.marble.tool.python.PythonStyle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The toolsets every command can give an agent, assembled into one registry: the built-in file and shell tools,
 * Java tools from {@code .java} or {@code .jar} files, Python tools from {@code .py} files (llm-loop's), MCP servers from {@code mcpServers} files. Building the
 * registry starts what needs starting (MCP servers); a duplicate tool name is an error naming both sources.
 */
public final class StandardTools {

    private StandardTools() {}

    /** Paths are taken from Marble's working directory; warnings (an MCP server file's) go to {@code warnings}. */
    public static ToolRegistry registry(
            boolean files, boolean shell, List<Path> functions, List<Path> mcp, Marble marble, List<String> warnings) {
        List<Toolset> builtins = new ArrayList<>();
        if (files) builtins.add(BuiltinToolsets.files());
        if (shell) builtins.add(BuiltinToolsets.shell());
        return registry(builtins, functions, mcp, marble, warnings);
    }

    /** As above, with the built-in toolsets given ({@code LlmLoopNames.toolsets()} for {@code marble loop}). */
    public static ToolRegistry registry(
            List<Toolset> builtins, List<Path> functions, List<Path> mcp, Marble marble, List<String> warnings) {
        return registry(
                builtins, functions, mcp, marble, warnings, marble.environment().workingDirectory());
    }

    /**
     * As above, for a run whose workspace is {@code workspace} ({@code -C DIR}): Python tool files run there, so that
     * a relative path means what it means to the built-in file tools, and in a sandbox that is the folder they may
     * write. File names are still taken from Marble's working directory, where the user typed them.
     */
    public static ToolRegistry registry(
            List<Toolset> builtins,
            List<Path> functions,
            List<Path> mcp,
            Marble marble,
            List<String> warnings,
            Path workspace) {
        List<Toolset> toolsets = new ArrayList<>(builtins);
        Path cwd = marble.environment().workingDirectory();
        try {
            load(new ToolFiles(functions, mcp, workspace), marble, warnings, cwd, toolsets);
        } catch (RuntimeException e) {
            // A later file that fails must not leave an earlier one's Python host or MCP server running.
            toolsets.forEach(Toolset::close);
            throw e;
        }
        return ToolRegistry.of(toolsets);
    }

    /** The tool files a command names, and the workspace their Python runs in. */
    private record ToolFiles(List<Path> functions, List<Path> mcp, Path workspace) {}

    private static void load(ToolFiles files, Marble marble, List<String> warnings, Path cwd, List<Toolset> toolsets) {
        for (Path file : files.functions()) {
            Path resolved = cwd.resolve(file);
            if (resolved.getFileName().toString().endsWith(".py")) {
                // llm-loop's tool files: every public function the file defines is a tool.
                toolsets.addAll(PythonFile.load(resolved, PythonStyle.FUNCTIONS, pythonSetup(marble, files.workspace()))
                        .toolsets());
            } else {
                toolsets.addAll(JavaTools.load(resolved, marble.stateDirectory().resolve("cache/functions")));
            }
        }
        for (Path config : files.mcp()) {
            McpToolsets loaded = McpToolsets.load(cwd.resolve(config), marble.environment(), marble.toolEnvironment());
            loaded.warnings().forEach(warning -> warnings.add("warning: " + warning));
            toolsets.addAll(loaded.toolsets());
        }
    }

    /**
     * Python tool files run in the tool environment (no secrets), from Marble's working directory, and in the sandbox
     * shell commands run in, so that a Python tool the model drives is confined as they are.
     */
    public static PythonSetup pythonSetup(Marble marble) {
        return pythonSetup(marble, marble.environment().workingDirectory());
    }

    /** As above, from {@code workspace}: the run's folder, where relative paths lead and the sandbox lets it write. */
    public static PythonSetup pythonSetup(Marble marble, Path workspace) {
        return new PythonSetup(marble.toolEnvironment(), workspace, pythonSandbox(marble));
    }

    /**
     * Marble's sandbox where bubblewrap works (or is required, which {@link Marble#sandbox()} enforces); otherwise
     * none, quietly: under {@code auto} the note that commands run unconfined comes with the first shell command, and
     * a file that does not load stays a one-line error.
     */
    private static Sandbox pythonSandbox(Marble marble) {
        SandboxMode mode = marble.sandboxSettings().mode().value();
        if (mode == SandboxMode.OFF) return new Sandbox.None("sandbox is off");
        if (mode == SandboxMode.AUTO) {
            Optional<String> problem = SandboxChooser.problem(marble.environment());
            if (problem.isPresent()) return new Sandbox.None(problem.get());
        }
        return marble.sandbox();
    }
}
