package dev.marble.tool.builtin;

import dev.marble.json.JsonSchemas;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.ToolResult;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * The work of LLMProc's {@code read_file}: a text file's content as it is, no line numbers. Exposed as
 * {@code read_file(file_path)} by {@link LlmProcTools}; here it takes {@code path}, so that the workspace guard and
 * the approval gate see it as every file tool. At most {@link #MAX_CHARS} characters are returned, with a note.
 */
final class LlmProcReadFileTool extends FileTool {

    static final int MAX_CHARS = 200_000;

    LlmProcReadFileTool() {
        super(
                "read_file",
                "Read a text file from the workspace and return its content.",
                JsonSchemas.object()
                        .string("path", "Path to the file, relative to the workspace (or absolute inside it)")
                        .build(),
                ApprovalDefault.ALLOW,
                Effect.READS);
    }

    @Override
    ToolResult run(JsonNode arguments, WorkspacePaths paths) throws IOException {
        Path file = paths.resolve(Args.string(arguments, "path"));
        String name = paths.relative(file);
        if (!Files.exists(file)) throw new ToolFailure("File not found: " + name);
        if (Files.isDirectory(file)) throw new ToolFailure("'" + name + "' is a directory; list_dir lists it");
        if (TextFiles.isBinary(file)) {
            throw new ToolFailure(
                    "'" + name + "' is a binary file (" + Files.size(file) + " bytes); read_file reads text");
        }
        StringBuilder content = new StringBuilder();
        boolean more = false;
        try (Reader reader = TextFiles.lenientReader(file)) {
            char[] buffer = new char[8192];
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                int room = MAX_CHARS - content.length();
                content.append(buffer, 0, Math.min(n, room));
                if (n > room) {
                    more = true;
                    break;
                }
            }
        }
        if (more)
            content.append("\n[read_file: only the first ").append(MAX_CHARS).append(" characters are shown]");
        return ToolResult.ok(content.toString());
    }
}
