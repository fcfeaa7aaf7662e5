package dev.marble.tool.builtin;

import dev.marble.json.JsonSchemas;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.ToolResult;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import tools.jackson.databind.JsonNode;

/**
 * {@code delete_path}: deletes a file, a link (never what it points to), or a directory; a
 * directory with anything in it only when asked to recurse. Never the workspace root.
 */
final class DeletePathTool extends FileTool {

    DeletePathTool() {
        super(
                "delete_path",
                """
                Delete a file or directory in the workspace. A directory that is not empty is \
                only deleted with recursive set to true, which deletes everything in it. A \
                symbolic link is deleted itself, not what it points to. The workspace root \
                cannot be deleted.""",
                JsonSchemas.object()
                        .string(
                                "path",
                                "File or directory to delete, relative to the workspace root (or absolute inside it).")
                        .bool("recursive", "Delete a directory together with everything in it. Default false.")
                        .optional()
                        .build(),
                ApprovalDefault.ASK,
                Effect.DELETES);
    }

    @Override
    ToolResult run(JsonNode arguments, WorkspacePaths paths) throws IOException, InterruptedException {
        Path target = paths.resolve(Args.string(arguments, "path"));
        boolean recursive = Args.flag(arguments, "recursive");
        String name = paths.relative(target);
        if (target.equals(paths.root())) throw new ToolFailure("refusing to delete the workspace root itself");
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) throw new ToolFailure("'" + name + "' does not exist");

        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            String kind = Files.isSymbolicLink(target) ? "symbolic link" : "file";
            Files.delete(target);
            return ToolResult.ok("Deleted the " + kind + " '" + name + "'.");
        }
        long entries = countEntries(target);
        if (entries == 0) {
            Files.delete(target);
            return ToolResult.ok("Deleted the empty directory '" + name + "'.");
        }
        if (!recursive) {
            throw new ToolFailure("'" + name + "' is a directory with " + TextFiles.plural(entries, "entry", "entries")
                    + "; set recursive to true to delete it with everything in it");
        }
        Counts counts = deleteTree(target);
        return ToolResult.ok("Deleted the directory '" + name + "' and everything in it ("
                + TextFiles.plural(counts.files, "file", "files") + ", "
                + TextFiles.plural(counts.directories - 1, "subdirectory", "subdirectories") + ").");
    }

    private static long countEntries(Path directory) throws IOException {
        long count = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path ignored : stream) count++;
        }
        return count;
    }

    private static final class Counts {
        long files;
        long directories;
    }

    /** Walks without following links, so a link inside is removed, never its target's contents. */
    private static Counts deleteTree(Path directory) throws IOException, InterruptedException {
        Counts counts = new Counts();
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (Thread.currentThread().isInterrupted()) return FileVisitResult.TERMINATE;
                Files.delete(file);
                counts.files++;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) throw e;
                if (Thread.currentThread().isInterrupted()) return FileVisitResult.TERMINATE;
                Files.delete(dir);
                counts.directories++;
                return FileVisitResult.CONTINUE;
            }
        });
        if (Thread.interrupted())
            throw new InterruptedException("delete_path was interrupted; part of the directory was deleted");
        return counts;
    }
}
