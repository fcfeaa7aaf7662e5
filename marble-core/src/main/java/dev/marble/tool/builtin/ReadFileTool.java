package dev.marble.tool.builtin;

import dev.marble.json.JsonSchemas;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * {@code read_file}: a text file with line numbers, a window of lines at a time. The output
 * stays under a character budget of its own, so that the note saying where to go on is never lost
 * to Marble's general truncation of long results.
 */
final class ReadFileTool extends FileTool {

    static final int DEFAULT_LIMIT = 2000;
    static final int MAX_LINE_CHARS = 2000;
    static final int MAX_OUTPUT_CHARS = 60_000;

    ReadFileTool() {
        super(
                "read_file",
                """
                Read a text file from the workspace. Lines are numbered from 1, cat -n style \
                (number, tab, line); the numbers are not part of the file. Reads up to 2000 lines \
                from `offset`; when more remain, a note at the end says which offset reads the next \
                part. Lines longer than 2000 characters are cut. Binary files are not shown. \
                Read a file before editing it with edit_file.""",
                JsonSchemas.object()
                        .string("path", "File to read, relative to the workspace root (or absolute inside it).")
                        .integer("offset", "First line to show, counting from 1. Default 1.", 1, Integer.MAX_VALUE)
                        .optional()
                        .integer("limit", "How many lines to show. Default 2000.", 1, Integer.MAX_VALUE)
                        .optional()
                        .build(),
                ApprovalDefault.ALLOW,
                Effect.READS);
    }

    @Override
    ToolResult run(JsonNode arguments, WorkspacePaths paths) throws IOException {
        String given = Args.string(arguments, "path");
        int offset = Args.integer(arguments, "offset", 1, 1, Integer.MAX_VALUE);
        int limit = Args.integer(arguments, "limit", DEFAULT_LIMIT, 1, Integer.MAX_VALUE);
        Path file = paths.resolve(given);
        String name = paths.relative(file);
        if (!Files.exists(file))
            throw new ToolFailure("'" + name + "' does not exist; list_directory or glob show what does");
        if (Files.isDirectory(file))
            throw new ToolFailure("'" + name + "' is a directory; use list_directory to see what it holds");
        if (TextFiles.isBinary(file)) {
            return ToolResult.ok(
                    "'" + name + "' is a binary file (" + Files.size(file) + " bytes); read_file shows only text.");
        }
        return ToolResult.ok(window(file, name, offset, limit));
    }

    private static String window(Path file, String name, long offset, long limit) throws IOException {
        StringBuilder out = new StringBuilder();
        long lineNumber = 0;
        long lastShown = 0;
        boolean budgetReached = false;
        try (LineReader lines = new LineReader(TextFiles.lenientReader(file), MAX_LINE_CHARS)) {
            for (String line = lines.next(); line != null; line = lines.next()) {
                lineNumber++;
                if (lineNumber < offset || lineNumber >= offset + limit || budgetReached) continue;
                String numbered = String.format("%6d\t%s\n", lineNumber, line);
                if (out.length() + numbered.length() > MAX_OUTPUT_CHARS && lastShown > 0) {
                    budgetReached = true;
                    continue;
                }
                out.append(numbered);
                lastShown = lineNumber;
            }
        }
        long total = lineNumber;
        if (total == 0) return "'" + name + "' is empty.";
        if (offset > total) {
            throw new ToolFailure("offset " + offset + " is past the end of '" + name + "', which has "
                    + TextFiles.plural(total, "line", "lines"));
        }
        if (lastShown < total) {
            out.append("\n(Showed lines ")
                    .append(offset)
                    .append('-')
                    .append(lastShown)
                    .append(" of ")
                    .append(total)
                    .append(budgetReached ? ", as many as fit in one result" : "")
                    .append(". To read on, call read_file with offset ")
                    .append(lastShown + 1)
                    .append(".)");
        } else if (out.charAt(out.length() - 1) == '\n') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }
}
