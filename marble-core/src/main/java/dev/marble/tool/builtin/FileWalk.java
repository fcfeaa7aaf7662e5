package dev.marble.tool.builtin;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The regular files under a directory, as glob and grep search them. Links are not followed and
 * not listed: a link may lead outside the workspace, and grep reads files without going through
 * {@link WorkspacePaths}. {@code .git} directories are skipped (their objects are compressed,
 * their contents noise). Unreadable directories are passed over rather than failing the search.
 */
final class FileWalk {

    private FileWalk() {}

    /**
     * Sorted by path, so results are the same from one call to the next. When {@code directory}
     * itself is a link (already checked to stay inside), its target is walked and the files are
     * named through the link.
     */
    static List<Path> files(Path directory) throws IOException, InterruptedException {
        if (Files.isSymbolicLink(directory)) {
            Path real = directory.toRealPath();
            return files(real).stream()
                    .map(file -> directory.resolve(real.relativize(file)))
                    .toList();
        }
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (Thread.currentThread().isInterrupted()) return FileVisitResult.TERMINATE;
                boolean git =
                        !dir.equals(directory) && dir.getFileName().toString().equals(".git");
                return git ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) files.add(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        if (Thread.interrupted()) throw new InterruptedException("interrupted while listing " + directory);
        files.sort(null);
        return files;
    }
}
