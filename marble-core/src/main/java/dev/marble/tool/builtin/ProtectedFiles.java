package dev.marble.tool.builtin;

import dev.marble.tool.Tool;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Whether a file tool call would create, change or delete a file that configures Marble, so that an
 * agent cannot give itself more power (a rule in {@code marble.json}, a tool in its chain, a key in
 * {@code .env}) for its next run, or one of git's own, which would run a command of the agent's at
 * the person's next {@code git status}. Paths are judged where they really lie, through every link, so
 * {@code self/marble.json} with {@code self -> .} is {@code marble.json}. Which files count is
 * {@link MarbleFiles} (by name), {@link GitFiles} (anything named {@code .git} and what it holds) and
 * {@link RunningConfiguration} (the files of runs going on now).
 * Reading is never refused here; the approval gate turns a finding into a deny.
 */
public final class ProtectedFiles {

    /**
     * A protected file a call would touch.
     *
     * @param path where it really lies, relative to the workspace's real location when inside it
     * @param why  what it is to Marble, e.g. "Marble's project configuration (marble.json)"
     */
    public record Finding(String path, String why) {}

    private ProtectedFiles() {}

    /**
     * The protected file {@code tool} would touch with {@code arguments}, if any: the file a write,
     * edit or make_directory names, the file or link a delete names, or anything protected inside a
     * directory a delete would remove. Not a file tool, a reading one, or a path the tool will refuse
     * anyway (outside the workspace, unreadable): empty.
     */
    public static Optional<Finding> find(Tool tool, JsonNode arguments, Path workspace) {
        if (!(tool instanceof FileTool fileTool) || fileTool.effect() == FileTool.Effect.READS) return Optional.empty();
        WorkspacePaths paths;
        Path real;
        try {
            paths = WorkspacePaths.of(workspace);
            real = paths.real(FileTool.path(arguments), fileTool.effect() == FileTool.Effect.WRITES);
        } catch (ToolFailure e) {
            return Optional.empty();
        }
        Optional<Finding> found = check(paths.realRoot(), real);
        if (found.isPresent() || fileTool.effect() != FileTool.Effect.DELETES) return found;
        return Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS) ? inside(paths.realRoot(), real) : Optional.empty();
    }

    private static Optional<Finding> check(Path realRoot, Path real) {
        return MarbleFiles.role(realRoot, real)
                .or(() -> GitFiles.role(realRoot, real))
                .or(() -> RunningConfiguration.role(real))
                .map(why -> new Finding(display(realRoot, real), why));
    }

    /** The first protected file under {@code directory}, walked without following links as delete_path deletes. */
    private static Optional<Finding> inside(Path realRoot, Path directory) {
        Finding[] found = new Finding[1];
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return visit(dir);
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    return visit(file);
                }

                private FileVisitResult visit(Path path) {
                    found[0] = check(realRoot, path).orElse(null);
                    return found[0] == null ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
                }
            });
        } catch (IOException e) {
            // What cannot be looked into may hold anything: the delete would be blind, so it is refused.
            return Optional.of(new Finding(
                    display(realRoot, directory),
                    "a folder whose contents cannot all be checked for files that configure Marble ("
                            + e.getClass().getSimpleName() + ")"));
        }
        return Optional.ofNullable(found[0]);
    }

    private static String display(Path realRoot, Path real) {
        if (!real.startsWith(realRoot)) return real.toString();
        String relative = realRoot.relativize(real).toString().replace(File.separatorChar, '/');
        return relative.isEmpty() ? "." : relative;
    }
}
