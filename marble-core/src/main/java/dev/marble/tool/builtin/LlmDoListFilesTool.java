package dev.marble.tool.builtin;

import dev.marble.json.Json;
import dev.marble.json.JsonSchemas;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * llm-do's {@code list_files(path=".", pattern="**&#47;*")}: the files under a directory whose path (relative to that
 * directory) matches the pattern, as a sorted JSON array of workspace-relative paths. {@code glob} is taken for
 * {@code pattern}, the name llm-do's documentation used. Symbolic links are not followed (so nothing outside the
 * workspace is listed) and {@code .git} is skipped, as in Marble's {@code glob}.
 */
final class LlmDoListFilesTool extends FileTool {

    static final String DEFAULT_PATTERN = "**/*";

    LlmDoListFilesTool() {
        super(
                "list_files",
                """
                List the files under a directory of the workspace whose path matches a glob pattern \
                (`*` stays within a folder, `**` crosses folders). Returns a sorted JSON array of \
                workspace-relative paths.""",
                JsonSchemas.object()
                        .string("path", "Directory to list, relative to the workspace root (default \".\").")
                        .optional()
                        .string("pattern", "Glob pattern matched against paths under `path` (default \"**/*\").")
                        .optional()
                        .string("glob", "Another name for `pattern`.")
                        .optional()
                        .build(),
                ApprovalDefault.ALLOW,
                Effect.READS);
    }

    @Override
    ToolResult run(JsonNode arguments, WorkspacePaths paths) throws IOException, InterruptedException {
        Path directory = paths.resolve(Args.string(arguments, "path", "."));
        String pattern = Args.string(arguments, "pattern", Args.string(arguments, "glob", DEFAULT_PATTERN));
        String name = paths.relative(directory);
        PathMatcher matcher = Globs.matcher(pattern);
        if (!Files.exists(directory)) throw new ToolFailure("Directory not found: " + name);
        if (!Files.isDirectory(directory)) throw new ToolFailure("Not a directory: " + name);
        ArrayNode matches = Json.array();
        for (Path file : FileWalk.files(directory)) {
            if (matcher.matches(directory.relativize(file))) matches.add(paths.relative(file));
        }
        return ToolResult.ok(Json.write(matches));
    }
}
