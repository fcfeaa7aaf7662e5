package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.api.StandardTools;
import dev.marble.error.UsageException;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.Toolset;
import dev.marble.tool.builtin.BuiltinToolsets;
import dev.marble.tool.builtin.LlmLoopNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns {@link ToolFlags} into the run's workspace and tools ({@link StandardTools}).
 */
final class ToolAssembly {

    private ToolAssembly() {}

    static Path workspace(ToolFlags flags, CliContext context) {
        return workspace(flags.workspace, context);
    }

    /** {@code -C DIR} from the working directory, which it is without one; a missing folder is a usage error. */
    static Path workspace(Path option, CliContext context) {
        Path cwd = context.environment().workingDirectory();
        Path workspace = option == null ? cwd : cwd.resolve(option).normalize();
        if (!Files.isDirectory(workspace)) throw new UsageException("-C " + option + ": no such folder");
        return workspace;
    }

    static ToolRegistry registry(ToolFlags flags, Marble marble, List<String> warnings) {
        List<Toolset> builtins = flags.noBuiltins ? List.of() : BuiltinToolsets.all();
        return StandardTools.registry(
                builtins, flags.functions, flags.mcp, marble, warnings, workspaceOf(flags, marble));
    }

    /** As {@link #registry}, with the built-in tools under llm-loop's names too ({@code marble loop}). */
    static ToolRegistry loopRegistry(ToolFlags flags, Marble marble, List<String> warnings) {
        List<Toolset> builtins = flags.noBuiltins ? List.of() : LlmLoopNames.toolsets();
        return StandardTools.registry(
                builtins, flags.functions, flags.mcp, marble, warnings, workspaceOf(flags, marble));
    }

    /** Where the run's Python tools run: {@code -C DIR}, checked by {@link #workspace} before the tools are built. */
    private static Path workspaceOf(ToolFlags flags, Marble marble) {
        Path cwd = marble.environment().workingDirectory();
        return flags.workspace == null ? cwd : cwd.resolve(flags.workspace).normalize();
    }
}
