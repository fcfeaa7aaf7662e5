package dev.marble.tool.builtin;

import dev.marble.json.JsonSchemas;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/** {@code make_directory}: mkdir -p; a directory that is already there is not an error. */
final class MakeDirectoryTool extends FileTool {

    MakeDirectoryTool() {
        super(
                "make_directory",
                """
                Create a directory in the workspace, with any missing parent directories \
                (like mkdir -p). Succeeds if it already exists. write_file creates parent \
                directories by itself, so this is only needed for empty directories.""",
                JsonSchemas.object()
                        .string("path", "Directory to create, relative to the workspace root (or absolute inside it).")
                        .build(),
                ApprovalDefault.ASK,
                Effect.WRITES);
    }

    @Override
    ToolResult run(JsonNode arguments, WorkspacePaths paths) throws IOException {
        Path directory = paths.resolve(Args.string(arguments, "path"));
        String name = paths.relative(directory);
        if (Files.isDirectory(directory)) return ToolResult.ok("'" + name + "' already exists.");
        if (Files.exists(directory)) throw new ToolFailure("'" + name + "' already exists and is a file");
        requireNoFileAmongParents(directory, paths);
        Files.createDirectories(directory);
        return ToolResult.ok("Created the directory '" + name + "'.");
    }
}
