package dev.marble.tool.builtin;

import dev.marble.json.JsonSchemas;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.ToolResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/** {@code write_file}: creates or overwrites a whole file, making its parent directories. */
final class WriteFileTool extends FileTool {

    WriteFileTool() {
        super(
                "write_file",
                """
                Write a file in the workspace, replacing all of its content if it exists and \
                creating it (and any missing parent directories) if not. The content is written \
                exactly as given, as UTF-8. To change part of an existing file, prefer edit_file.""",
                JsonSchemas.object()
                        .string("path", "File to write, relative to the workspace root (or absolute inside it).")
                        .string("content", "The complete new content of the file.")
                        .build(),
                ApprovalDefault.ASK,
                Effect.WRITES);
    }

    @Override
    ToolResult run(JsonNode arguments, WorkspacePaths paths) throws IOException {
        Path file = paths.resolve(Args.string(arguments, "path"));
        String content = Args.string(arguments, "content");
        String name = paths.relative(file);
        if (Files.isDirectory(file)) throw new ToolFailure("'" + name + "' is a directory; write_file writes files");
        requireNoFileAmongParents(file, paths);
        boolean existed = Files.exists(file);
        long oldSize = existed ? Files.size(file) : 0;
        Path parent = file.getParent();
        boolean madeParent = !Files.isDirectory(parent);
        if (madeParent) Files.createDirectories(parent);
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);
        String size = bytes.length + " bytes, " + TextFiles.plural(TextFiles.lineCount(content), "line", "lines");
        if (existed) return ToolResult.ok("Replaced '" + name + "' (" + size + "; it had " + oldSize + " bytes).");
        return ToolResult.ok("Created '" + name + "' (" + size + ")"
                + (madeParent ? ", and the directory '" + paths.relative(parent) + "'" : "") + ".");
    }
}
