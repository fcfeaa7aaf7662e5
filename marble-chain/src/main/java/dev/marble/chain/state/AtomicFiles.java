package dev.marble.chain.state;

import dev.marble.error.MarbleException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file's content so that every reader, and every restart after a crash or power loss,
 * sees either the old text or the new one, never a mix or an empty file (llmauto truncated and
 * rewrote in place: defect 12).
 *
 * <p>The text goes to a temporary file in the same directory (a rename is only atomic within one
 * file system), is forced to disk, and is renamed over the target; then the directory is forced so
 * that the rename itself survives a power loss. A process killed between the first write and the
 * rename leaves a {@code .NAME.*.tmp} file behind; no reader looks at it, and {@link #sweepOrphans} removes it.
 */
public final class AtomicFiles {

    private AtomicFiles() {}

    public static void write(Path file, String text) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = createTemp(dir, target.getFileName().toString());
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) channel.write(bytes);
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new MarbleException("cannot write " + file + ": " + describe(e), e);
        } finally {
            if (temp != null) deleteQuietly(temp);
        }
    }

    /**
     * A fresh name in {@code dir}. Not {@link Files#createTempFile}: it makes the file private to its
     * owner, and the handoff would then lose the permissions other tools expect after the rename.
     */
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String random =
                    HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            Path temp = dir.resolve("." + name + "." + random + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) throw e;
            }
        }
    }

    /** Makes the rename durable. Windows cannot open a directory for this; there NTFS's journal has to do. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the new content is in place either way; only its durability across a power cut is weaker
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // the write already failed and says so; a stray .tmp file is harmless
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " " + message;
    }

    /**
     * Deletes the {@code .NAME.*.tmp} files that writes cut short by a kill left in {@code dir}. Only for a caller
     * that holds the directory's lock: then no write is in progress, so every such file is an orphan.
     */
    public static void sweepOrphans(Path dir) {
        if (!Files.isDirectory(dir)) return;
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp")) Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // an orphan left is harmless: nothing reads it, and the next start tries again
        }
    }
}
