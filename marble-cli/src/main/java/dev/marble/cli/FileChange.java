package dev.marble.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.marble.tool.builtin.WorkspacePaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a built-in {@code write_file} or {@code edit_file} call would make of a file, so that its approval shows the
 * change as a unified diff rather than the raw arguments. The path goes through the same workspace guard as the tool
 * ({@link WorkspacePaths}); only a regular file of at most {@link #MAX_BYTES} is read (a FIFO, a device or a huge
 * file a hostile model names cannot hang or flood the question). When the change cannot be worked out (the path is
 * refused, the old text is not found once) there is no preview: the question shows the arguments, and the tool
 * refuses the call itself if it runs.
 *
 * @param name   the path relative to the workspace, as the tool reports it
 * @param before the file's text now; empty for a new file
 * @param after  the file's text after the call
 */
record FileChange(String name, String before, String after, boolean created) {

    static final long MAX_BYTES = 1 << 20;
    private static final int CONTEXT_LINES = 3;

    /** The preview of a call of the built-in {@code tool}; only write_file and edit_file have one. */
    static Optional<FileChange> of(String tool, JsonNode arguments, Path workspace) {
        if (workspace == null || arguments == null) return Optional.empty();
        try {
            return switch (tool) {
                case "write_file" -> write(arguments, workspace);
                case "edit_file" -> edit(arguments, workspace);
                default -> Optional.empty();
            };
        } catch (RuntimeException | IOException unknowable) {
            return Optional.empty();
        }
    }

    private static Optional<FileChange> write(JsonNode arguments, Path workspace) throws IOException {
        if (!arguments.path("path").isString() || !arguments.path("content").isString()) return Optional.empty();
        WorkspacePaths paths = WorkspacePaths.of(workspace);
        Path file = paths.resolve(arguments.path("path").stringValue());
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(new FileChange(
                    paths.relative(file), "", arguments.path("content").stringValue(), true));
        }
        return read(file)
                .map(text -> new FileChange(
                        paths.relative(file), text, arguments.path("content").stringValue(), false));
    }

    private static Optional<FileChange> edit(JsonNode arguments, Path workspace) throws IOException {
        if (!arguments.path("path").isString()
                || !arguments.path("old_string").isString()
                || !arguments.path("new_string").isString()) {
            return Optional.empty();
        }
        String oldString = arguments.path("old_string").stringValue();
        String newString = arguments.path("new_string").stringValue();
        if (oldString.isEmpty()) return Optional.empty();
        WorkspacePaths paths = WorkspacePaths.of(workspace);
        Path file = paths.resolve(arguments.path("path").stringValue());
        Optional<String> current = read(file);
        if (current.isEmpty()) return Optional.empty();
        String text = current.get();
        int first = text.indexOf(oldString);
        if (first < 0) return Optional.empty();
        boolean replaceAll = arguments.path("replace_all").asBoolean(false);
        boolean unique = text.indexOf(oldString, first + oldString.length()) < 0;
        if (!unique && !replaceAll) return Optional.empty();
        String after = replaceAll
                ? text.replace(oldString, newString)
                : text.substring(0, first) + newString + text.substring(first + oldString.length());
        return Optional.of(new FileChange(paths.relative(file), text, after, false));
    }

    /** The text of a regular file of at most {@link #MAX_BYTES}; empty for anything else. */
    private static Optional<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) return Optional.empty();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) return Optional.empty();
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** The change as unified diff lines ({@code ---}, {@code +++}, {@code @@} hunks), without colour. */
    List<String> unifiedDiff() {
        List<String> old = lines(before);
        List<String> now = lines(after);
        Patch<String> patch = DiffUtils.diff(old, now);
        List<String> diff = new ArrayList<>(UnifiedDiffUtils.generateUnifiedDiff(
                created ? "/dev/null" : "a/" + name, "b/" + name, old, patch, CONTEXT_LINES));
        if (diff.isEmpty()) diff.add(before.equals(after) ? "(no change)" : "(only line endings change)");
        // A new file's hunk starts at line 0 of nothing, as diff -u writes it; the library says -1,0.
        if (created && diff.size() > 2) diff.set(2, diff.get(2).replaceFirst("^@@ -1,0 ", "@@ -0,0 "));
        return diff.stream().map(FileChange::shortRange).toList();
    }

    /** {@code @@ -3,1 +3,1 @@} as diff -u writes it, {@code @@ -3 +3 @@}: a range of one line has no count. */
    private static String shortRange(String line) {
        if (!line.startsWith("@@")) return line;
        return line.replaceAll("([-+]\\d+),1(?=[ ])", "$1");
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) return List.of();
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (lines.getLast().isEmpty()) lines.removeLast(); // the final newline ends a line; it does not start one
        return lines;
    }
}
