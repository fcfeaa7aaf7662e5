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

/**
 * The work of LLMProc's {@code list_dir(directory_path=".", show_hidden=false, detailed=false)}: one directory's
 * entries, directories marked with {@code /}, with sizes when detailed. Exposed under LLMProc's argument names by
 * {@link LlmProcTools}; here it takes {@code path} like every file tool. A link that leads out of the workspace is
 * listed as such and never looked through.
 */
final class LlmProcListDirTool extends FileTool {

    LlmProcListDirTool() {
        super(
                "list_dir",
                "List the files and directories in a directory of the workspace.",
                JsonSchemas.object()
                        .string("path", "Directory to list, relative to the workspace (default: the workspace)")
                        .optional()
                        .bool("show_hidden", "Whether to list entries whose names start with a dot (default false)")
                        .optional()
                        .bool("detailed", "Whether to show each entry's type and size (default false)")
                        .optional()
                        .build(),
                ApprovalDefault.ALLOW,
                Effect.READS);
    }

    @Override
    ToolResult run(JsonNode arguments, WorkspacePaths paths) throws IOException {
        Path directory = paths.resolve(Args.string(arguments, "path", "."));
        boolean hidden = Args.flag(arguments, "show_hidden");
        boolean detailed = Args.flag(arguments, "detailed");
        String name = paths.relative(directory);
        if (!Files.exists(directory)) throw new ToolFailure("Directory not found: " + name);
        if (!Files.isDirectory(directory)) throw new ToolFailure("'" + name + "' is a file; read_file reads it");
        List<String> lines = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path entry : stream) {
                String entryName = entry.getFileName().toString();
                if (!hidden && entryName.startsWith(".")) continue;
                lines.add(describe(entry, entryName, detailed, paths));
                if (lines.size() > ListDirectoryTool.MAX_ENTRIES) break;
            }
        }
        lines.sort(null);
        if (lines.isEmpty()) return ToolResult.ok("'" + name + "' is empty.");
        if (lines.size() > ListDirectoryTool.MAX_ENTRIES) {
            lines = new ArrayList<>(lines.subList(0, ListDirectoryTool.MAX_ENTRIES));
            lines.add("(more entries not shown)");
        }
        return ToolResult.ok(String.join("\n", lines));
    }

    private static String describe(Path entry, String name, boolean detailed, WorkspacePaths paths) throws IOException {
        if (Files.isSymbolicLink(entry) && !leadsInside(entry, paths)) {
            return name + (detailed ? "  (link out of the workspace, not followed)" : "");
        }
        boolean directory = Files.isDirectory(entry);
        if (!detailed) return directory ? name + "/" : name;
        if (directory) return name + "/  (directory)";
        long size = Files.exists(entry) ? Files.size(entry) : 0;
        String link = Files.isSymbolicLink(entry) ? " -> " + Files.readSymbolicLink(entry) : "";
        return name + "  (file, " + size + " bytes)" + link;
    }

    private static boolean leadsInside(Path link, WorkspacePaths paths) {
        try {
            return paths.real(link.toString(), true).startsWith(paths.realRoot());
        } catch (ToolFailure e) {
            return false;
        }
    }
}
