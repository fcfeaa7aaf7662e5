package dev.marble.tool.builtin;

import dev.marble.tool.Tool;
import dev.marble.tool.ToolAlias;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * LLMProc's built-in tools under its names and argument names: {@code calculator(expression, precision)},
 * {@code read_file(file_path)}, {@code list_dir(directory_path, show_hidden, detailed)} and {@code goto(position,
 * message)}. The file tools are Marble's file tools under LLMProc's argument names ({@link ToolAlias}), so the
 * workspace guard and the approval gate judge them as Marble's own.
 */
public final class LlmProcTools {

    /** The names a program's {@code [tools] builtin} may use for these tools. */
    public static final Set<String> NAMES = Set.of("calculator", "read_file", "list_dir", "goto");

    private LlmProcTools() {}

    /** LLMProc's tool of that name; empty for any other name. */
    public static Optional<Tool> named(String name) {
        return Optional.ofNullable(
                switch (name) {
                    case "calculator" -> new CalculatorTool();
                    case "goto" -> new GotoTool();
                    case "read_file" ->
                        ToolAlias.renamed(
                                "read_file",
                                "Read a file from the workspace and return its content as text.",
                                new LlmProcReadFileTool(),
                                Map.of("file_path", "path"));
                    case "list_dir" ->
                        ToolAlias.renamed(
                                "list_dir",
                                "List the files and directories in a directory of the workspace; hidden entries"
                                        + " only with show_hidden, type and size with detailed.",
                                new LlmProcListDirTool(),
                                Map.of("directory_path", "path"));
                    default -> null;
                });
    }
}
