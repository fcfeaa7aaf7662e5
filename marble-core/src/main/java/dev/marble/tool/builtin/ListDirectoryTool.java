package dev.marble.tool.builtin;

import dev.marble.json.JsonSchemas;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.ToolResult;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** {@code list_directory}: one directory's entries, directories first, then files with sizes. */
final class ListDirectoryTool extends FileTool {

    static final int MAX_ENTRIES = 1000;

    ListDirectoryTool() {
        super(
                "list_directory",
                """
                List the entries of one directory in the workspace (not recursive): \
                subdirectories first, marked with a trailing /, then files with their sizes in \
                bytes. Symbolic links show their target after ->; a link that leads out of the \
                workspace is shown as such, with nothing about what it points to. Use glob to find \
                files at any depth.""",
                JsonSchemas.object()
                        .string(
                                "path",
                                "Directory to list, relative to the workspace root (or absolute inside it). "
                                        + "Default: the workspace root.")
                        .optional()
                        .build(),
                ApprovalDefault.ALLOW,
                Effect.READS);
    }

    /** One entry; {@code size} is -1 for a link that leads out of the workspace, which is not looked through. */
    private record Entry(String name, boolean directory, long size, String link) {

        boolean leadsOut() {
            return size < 0;
        }
    }

    @Override
    ToolResult run(JsonNode arguments, WorkspacePaths paths) throws IOException {
        Path directory = paths.resolve(Args.string(arguments, "path", "."));
        String name = paths.relative(directory);
        if (!Files.exists(directory)) throw new ToolFailure("'" + name + "' does not exist");
        if (!Files.isDirectory(directory))
            throw new ToolFailure("'" + name + "' is a file, not a directory; use read_file to read it");

        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path path : stream) entries.add(entry(path, paths));
        }
        if (entries.isEmpty()) return ToolResult.ok("'" + name + "' is empty.");
        entries.sort((a, b) -> a.directory() != b.directory()
                ? (a.directory() ? -1 : 1)
                : a.name().compareTo(b.name()));

        StringBuilder out = new StringBuilder();
        for (Entry entry : entries.subList(0, Math.min(entries.size(), MAX_ENTRIES))) {
            out.append(entry.name());
            if (entry.directory()) out.append('/');
            else if (!entry.leadsOut()) out.append("  (").append(entry.size()).append(" bytes)");
            if (entry.link() != null) out.append(" -> ").append(entry.link());
            if (entry.leadsOut()) out.append("  (link out of the workspace)");
            out.append('\n');
        }
        if (entries.size() > MAX_ENTRIES) {
            out.append("(Showed ")
                    .append(MAX_ENTRIES)
                    .append(" of ")
                    .append(entries.size())
                    .append(" entries. Use glob with a pattern to find particular files.)");
        } else {
            out.setLength(out.length() - 1);
        }
        return ToolResult.ok(out.toString());
    }

    /**
     * Links inside are described by what they point to (a dangling one shows as a file of size 0);
     * one that leads out is not followed, so that a listing tells nothing of files outside.
     */
    private static Entry entry(Path path, WorkspacePaths paths) throws IOException {
        String name = path.getFileName().toString();
        String link = Files.isSymbolicLink(path) ? Files.readSymbolicLink(path).toString() : null;
        if (link != null && !leadsInside(path, paths)) return new Entry(name, false, -1, link);
        boolean directory = Files.isDirectory(path);
        long size = directory || !Files.exists(path) ? 0 : Files.size(path);
        return new Entry(name, directory, size, link);
    }

    private static boolean leadsInside(Path link, WorkspacePaths paths) {
        try {
            return paths.real(link.toString(), true).startsWith(paths.realRoot());
        } catch (ToolFailure e) {
            return false;
        }
    }
}
