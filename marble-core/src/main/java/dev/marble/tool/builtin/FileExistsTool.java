package dev.marble.tool.builtin;

import dev.marble.json.JsonSchemas;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** llm-loop's {@code file_exists}: whether a path in the workspace is a file (and its size), a directory, or nothing. */
final class FileExistsTool extends FileTool {

    FileExistsTool() {
        super(
                "file_exists",
                "Tell whether a path in the workspace exists: a file and its size, or a directory and how many"
                        + " entries it has.",
                JsonSchemas.object()
                        .string("path", "Path to check, relative to the workspace root (or absolute inside it).")
                        .build(),
                ApprovalDefault.ALLOW,
                Effect.READS);
    }

    @Override
    ToolResult run(JsonNode arguments, WorkspacePaths paths) throws IOException {
        Path path = paths.resolve(Args.string(arguments, "path"));
        String name = paths.relative(path);
        if (Files.isDirectory(path)) {
            try (Stream<Path> entries = Files.list(path)) {
                return ToolResult.ok("'" + name + "' is a directory with "
                        + TextFiles.plural(entries.count(), "entry", "entries") + ".");
            }
        }
        if (Files.exists(path)) return ToolResult.ok("'" + name + "' is a file of " + Files.size(path) + " bytes.");
        return ToolResult.ok("'" + name + "' does not exist.");
    }
}
