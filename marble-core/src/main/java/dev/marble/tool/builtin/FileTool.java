package dev.marble.tool.builtin;

import dev.marble.json.Json;
import dev.marble.model.ToolSpec;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * What every file tool shares: its spec, its approval default, a path as approval subject, the
 * workspace guard, and turning expected failures into error results whose paths are relative to
 * the workspace (the model knows the workspace-relative names, not the absolute ones).
 */
abstract class FileTool implements Tool {

    /** What a call does to the path it names, which decides how {@link ProtectedFiles} looks at it. */
    enum Effect {
        /** Reads or lists; changes nothing. */
        READS,
        /** Creates or changes what the path (through every link) names. */
        WRITES,
        /** Removes the path itself (a link, not its target), and everything under it when it is a directory. */
        DELETES
    }

    private final ToolSpec spec;
    private final ApprovalDefault approvalDefault;
    private final Effect effect;

    FileTool(String name, String description, JsonNode schema, ApprovalDefault approvalDefault, Effect effect) {
        this.spec = new ToolSpec(name, description, schema);
        this.approvalDefault = approvalDefault;
        this.effect = effect;
    }

    /** Does the work; {@link ToolFailure} and file system errors become error results. */
    abstract ToolResult run(JsonNode arguments, WorkspacePaths paths) throws IOException, InterruptedException;

    @Override
    public final ToolSpec spec() {
        return spec;
    }

    @Override
    public final ApprovalDefault approvalDefault() {
        return approvalDefault;
    }

    final Effect effect() {
        return effect;
    }

    /** The path argument, {@linkplain WorkspacePaths#approvalSubject resolved}: rules such as {@code
     * write_file(docs/*)} match it. */
    @Override
    public String approvalSubject(JsonNode arguments, Path workspace) {
        return WorkspacePaths.approvalSubject(path(arguments), workspace, effect != Effect.DELETES);
    }

    /** The path the call names, as given; "." (the workspace) when it names none. */
    static String path(JsonNode arguments) {
        return Json.text(arguments, "path", ".");
    }

    @Override
    public final ToolResult call(JsonNode arguments, ToolContext context) throws Exception {
        WorkspacePaths paths;
        try {
            paths = WorkspacePaths.of(context.workspace());
        } catch (ToolFailure e) {
            return ToolResult.error(e.getMessage());
        }
        try {
            return run(arguments, paths);
        } catch (ToolFailure e) {
            return ToolResult.error(e.getMessage());
        } catch (ClosedByInterruptException e) {
            // An interrupted read closes its channel; what happened is the interruption.
            Thread.interrupted();
            throw new InterruptedException(spec.name() + " was interrupted");
        } catch (FileSystemException e) {
            return ToolResult.error(describe(e, paths));
        }
    }

    /**
     * Fails clearly when a file stands where a parent directory of {@code target} would have to
     * be, which the file system reports only as a bare "Not a directory".
     */
    static void requireNoFileAmongParents(Path target, WorkspacePaths paths) {
        for (Path parent = target.getParent();
                parent != null && parent.startsWith(paths.root());
                parent = parent.getParent()) {
            if (Files.isDirectory(parent)) return;
            if (Files.exists(parent)) {
                throw new ToolFailure("'" + paths.relative(parent) + "' is a file, so '" + paths.relative(target)
                        + "' cannot be created inside it");
            }
        }
    }

    private static String describe(FileSystemException e, WorkspacePaths paths) {
        String file = e.getFile() == null ? "?" : "'" + paths.relative(Path.of(e.getFile())) + "'";
        return switch (e) {
            case NoSuchFileException x -> file + " does not exist";
            case AccessDeniedException x -> "permission denied: " + file;
            case DirectoryNotEmptyException x -> file + " is a directory that is not empty";
            case NotDirectoryException x -> file + " is not a directory";
            case FileAlreadyExistsException x -> file + " already exists and is not a directory";
            default ->
                "cannot access " + file + ": "
                        + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason());
        };
    }
}
