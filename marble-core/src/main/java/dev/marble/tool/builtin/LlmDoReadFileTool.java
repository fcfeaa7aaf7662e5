package dev.marble.tool.builtin;

import dev.marble.json.Json;
import dev.marble.json.JsonSchemas;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.ToolResult;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * llm-do's {@code read_file(path, max_chars=20000, offset=0)}: a window of characters, answered as llm-do's
 * {@code {content, truncated, total_chars, offset, chars_read}} so workers written for llm-do page through a file as
 * their instructions say. Characters are Unicode code points, as Python counts them. It is a {@link FileTool}, so the
 * workspace guard (no {@code ..} or link out) and the approval gate treat it as Marble's own {@code read_file}.
 */
final class LlmDoReadFileTool extends FileTool {

    static final int DEFAULT_MAX_CHARS = 20_000;

    LlmDoReadFileTool() {
        super(
                "read_file",
                """
                Read a text file from the workspace. Returns {content, truncated, total_chars, offset, \
                chars_read}; when truncated is true, call again with offset + chars_read to read on. \
                Do not use this on binary files (PDFs, images): pass them as attachments instead.""",
                JsonSchemas.object()
                        .string("path", "Path to the file to read, relative to the workspace root.")
                        .integer(
                                "max_chars",
                                "Maximum characters to read (default " + DEFAULT_MAX_CHARS + ").",
                                1,
                                Integer.MAX_VALUE)
                        .optional()
                        .integer(
                                "offset", "Character position to start reading from (default 0).", 0, Integer.MAX_VALUE)
                        .optional()
                        .build(),
                ApprovalDefault.ALLOW,
                Effect.READS);
    }

    @Override
    ToolResult run(JsonNode arguments, WorkspacePaths paths) throws IOException {
        Path file = paths.resolve(Args.string(arguments, "path"));
        int maxChars = Args.integer(arguments, "max_chars", DEFAULT_MAX_CHARS, 1, Integer.MAX_VALUE);
        int offset = Args.integer(arguments, "offset", 0, 0, Integer.MAX_VALUE);
        String name = paths.relative(file);
        if (!Files.exists(file)) throw new ToolFailure("File not found: " + name);
        if (Files.isDirectory(file)) throw new ToolFailure("Not a file: " + name + " (list_files lists a directory)");
        if (TextFiles.isBinary(file)) {
            throw new ToolFailure(
                    "'" + name + "' is a binary file (" + Files.size(file) + " bytes); read_file reads only text");
        }
        Window window = window(file, offset, maxChars);
        ObjectNode result = Json.object()
                .put("content", window.content())
                .put("truncated", window.total() > offset + window.read())
                .put("total_chars", window.total())
                .put("offset", offset)
                .put("chars_read", window.read());
        return ToolResult.ok(Json.write(result));
    }

    private record Window(String content, long read, long total) {}

    /** Streams the file once: keeps the code points in [offset, offset + max) and counts them all. */
    private static Window window(Path file, long offset, long max) throws IOException {
        StringBuilder content = new StringBuilder();
        long index = 0;
        long read = 0;
        try (Reader reader = TextFiles.lenientReader(file)) {
            char[] buffer = new char[8192];
            char pendingHigh = 0;
            for (int n = reader.read(buffer); n >= 0; n = reader.read(buffer)) {
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    if (Character.isHighSurrogate(c)) {
                        pendingHigh = c;
                        continue;
                    }
                    boolean inWindow = index >= offset && index < offset + max;
                    if (inWindow) {
                        if (pendingHigh != 0 && Character.isLowSurrogate(c)) content.append(pendingHigh);
                        content.append(c);
                        read++;
                    }
                    pendingHigh = 0;
                    index++;
                }
            }
        }
        return new Window(content.toString(), read, index);
    }
}
