package dev.marble.tool.builtin;

import dev.marble.tool.Tool;
import dev.marble.tool.ToolAlias;
import dev.marble.tool.Toolset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The built-in tools under llm-loop's names as well, so prompts and imported conversations written for it keep
 * working in {@code marble loop}: {@code read_file} and {@code write_file} also take {@code file_path};
 * {@code run_shell_command(command)} is {@code run_command}; {@code file_exists(path)} and
 * {@code current_working_directory()} are judged as {@code read_file} and {@code list_directory}. Every alias passes
 * the approval gate as the tool it stands for ({@link ToolAlias}).
 */
public final class LlmLoopNames {

    private static final Map<String, String> FILE_PATH = Map.of("file_path", "path");

    private LlmLoopNames() {}

    /** Files (read_file and write_file widened), shell, and the llm-loop-only names as a toolset of their own. */
    public static List<Toolset> toolsets() {
        FileTools files = new FileTools();
        ShellTools shell = new ShellTools();
        List<Tool> fileTools = new ArrayList<>();
        for (Tool tool : files.tools()) {
            boolean filePath = tool.name().equals("read_file") || tool.name().equals("write_file");
            fileTools.add(filePath ? ToolAlias.widened(tool, FILE_PATH) : tool);
        }
        Tool runCommand = shell.tools().getFirst();
        Tool readFile = find(files, "read_file");
        List<Tool> aliases = List.of(
                ToolAlias.renamed(
                        "run_shell_command",
                        "Run a shell command in the workspace (llm-loop's name for run_command). "
                                + runCommand.spec().description(),
                        runCommand,
                        Map.of("timeout", "timeout_seconds")),
                ToolAlias.judgedAs(new FileExistsTool(), readFile, FILE_PATH),
                ToolAlias.judgedAs(new WorkingDirectoryTool(), find(files, "list_directory"), Map.of()));
        return List.of(Toolset.of(files.name(), fileTools), shell, Toolset.of("llm-loop names", aliases));
    }

    private static Tool find(Toolset toolset, String name) {
        return toolset.tools().stream()
                .filter(tool -> tool.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
