package dev.marble.tool.builtin;

import dev.marble.json.JsonSchemas;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** {@code glob}: the files whose path matches a pattern, as workspace-relative paths. */
final class GlobTool extends FileTool {

    static final int MAX_RESULTS = 1000;

    GlobTool() {
        super(
                "glob",
                """
                Find files by name pattern, at any depth under a directory. The pattern is \
                matched against each file's path relative to that directory: `*` and `?` do not \
                cross `/`, `**` does, `{a,b}` is either, `[abc]` one character. Examples: \
                `**/*.java` (any depth, including the top), `src/**/Test*.py`, `*.{md,txt}` (top \
                level only). Returns workspace-relative paths, sorted, up to 1000. Skips .git and \
                symbolic links.""",
                JsonSchemas.object()
                        .string("pattern", "Glob pattern, relative to `path`.")
                        .string(
                                "path",
                                "Directory to search under, relative to the workspace root. Default: the workspace "
                                        + "root.")
                        .optional()
                        .build(),
                ApprovalDefault.ALLOW,
                Effect.READS);
    }

    @Override
    ToolResult run(JsonNode arguments, WorkspacePaths paths) throws IOException, InterruptedException {
        String pattern = Args.string(arguments, "pattern");
        Path directory = paths.resolve(Args.string(arguments, "path", "."));
        String name = paths.relative(directory);
        PathMatcher matcher = Globs.matcher(pattern);
        if (!Files.exists(directory)) throw new ToolFailure("'" + name + "' does not exist");
        if (!Files.isDirectory(directory))
            throw new ToolFailure("'" + name + "' is a file; glob searches under a directory");

        List<String> matches = new ArrayList<>();
        for (Path file : FileWalk.files(directory)) {
            if (matcher.matches(directory.relativize(file))) matches.add(paths.relative(file));
        }
        if (matches.isEmpty()) return ToolResult.ok("No files under '" + name + "' match '" + pattern + "'.");
        String listed = String.join("\n", matches.subList(0, Math.min(matches.size(), MAX_RESULTS)));
        if (matches.size() <= MAX_RESULTS) return ToolResult.ok(listed);
        return ToolResult.ok(listed + "\n(Showed " + MAX_RESULTS + " of " + matches.size()
                + " matching files. Narrow the pattern or the path to see the rest.)");
    }
}
