package dev.marble.tool.builtin;

import dev.marble.json.JsonSchemas;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.ToolResult;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * {@code edit_file}: replaces an exact string. Exactness and uniqueness are the point: a model
 * that quotes the text it means to change cannot change the wrong place, and when its quote is
 * stale the error sends it back to read the file.
 */
final class EditFileTool extends FileTool {

    private static final int EXCERPT_CHARS = 60;

    EditFileTool() {
        super(
                "edit_file",
                """
                Replace text in an existing file. `old_string` must match the file exactly, \
                including whitespace and indentation (copy it from read_file output without the \
                line-number prefix), and must occur exactly once unless `replace_all` is true; \
                include a few surrounding lines to make it unique. To create a file or replace all \
                of it, use write_file.""",
                JsonSchemas.object()
                        .string("path", "File to edit, relative to the workspace root (or absolute inside it).")
                        .string("old_string", "The exact text to replace.")
                        .string("new_string", "The text to put in its place (may be empty to delete).")
                        .bool(
                                "replace_all",
                                "Replace every occurrence instead of requiring exactly one. Default false.")
                        .optional()
                        .build(),
                ApprovalDefault.ASK,
                Effect.WRITES);
    }

    @Override
    ToolResult run(JsonNode arguments, WorkspacePaths paths) throws IOException {
        Path file = paths.resolve(Args.string(arguments, "path"));
        String oldString = Args.string(arguments, "old_string");
        String newString = Args.string(arguments, "new_string");
        boolean replaceAll = Args.flag(arguments, "replace_all");
        String name = paths.relative(file);
        if (oldString.isEmpty())
            throw new ToolFailure("old_string is empty; to create or overwrite a file use write_file");
        if (oldString.equals(newString))
            throw new ToolFailure("old_string and new_string are the same; nothing would change");
        if (!Files.exists(file)) throw new ToolFailure("'" + name + "' does not exist; to create it use write_file");
        if (Files.isDirectory(file)) throw new ToolFailure("'" + name + "' is a directory, not a file");
        if (TextFiles.isBinary(file))
            throw new ToolFailure("'" + name + "' is a binary file; edit_file edits only text");
        String text = readStrictly(file, name);

        int first = text.indexOf(oldString);
        if (first < 0) throw new ToolFailure(notFound(name, text, oldString));
        int count = occurrences(text, oldString);
        if (count > 1 && !replaceAll) {
            throw new ToolFailure("old_string occurs " + count + " times in '" + name + "'; include more of the "
                    + "surrounding text to make it unique, or set replace_all to true to replace all of them");
        }
        String edited = replaceAll
                ? text.replace(oldString, newString)
                : text.substring(0, first) + newString + text.substring(first + oldString.length());
        Files.writeString(file, edited, StandardCharsets.UTF_8);
        if (count == 1) {
            return ToolResult.ok("Replaced 1 occurrence in '" + name + "' (at line " + lineOf(text, first) + ").");
        }
        return ToolResult.ok("Replaced " + count + " occurrences in '" + name + "'.");
    }

    /** Strict, because a lenient decode would write U+FFFD over every invalid byte on the way back. */
    private static String readStrictly(Path file, String name) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new ToolFailure("'" + name + "' is not valid UTF-8; edit_file would damage it. "
                    + "Use write_file to replace it whole, or run_command to change it");
        }
    }

    private static String notFound(String name, String text, String oldString) {
        String firstLine = oldString.strip().lines().findFirst().orElse("");
        String excerpt = firstLine.length() > EXCERPT_CHARS ? firstLine.substring(0, EXCERPT_CHARS) + "..." : firstLine;
        String message = "old_string (starting \"" + excerpt + "\") was not found in '" + name + "'. It must match "
                + "exactly, whitespace and indentation included; use read_file to see the current text";
        if (text.contains("\r\n") && oldString.contains("\n") && !oldString.contains("\r")) {
            message += ". Note: '" + name + "' has Windows line endings (\\r\\n), which old_string must match";
        }
        return message;
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) count++;
        return count;
    }

    private static long lineOf(String text, int index) {
        return text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }
}
