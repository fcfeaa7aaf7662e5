package dev.marble.chain.state;

import dev.marble.error.MarbleException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one running {@code chain start} of a chain: an OS file lock on {@code state/<chain>/lock},
 * with the holder's pid written in the file for the message a second start gets. The operating
 * system drops the lock when the process dies, however it dies, so there are no stale locks to clean.
 *
 * <p>Two details make it reliable. The lock covers one byte far past the pid, because Windows locks
 * are mandatory and would otherwise keep a second process from reading who holds it. And locks held
 * by this JVM are remembered here, because on POSIX systems closing <em>any</em> channel to the file
 * drops every lock the process has on it: a second attempt from the same JVM must fail without
 * ever opening the file.
 */
public final class ChainLock implements AutoCloseable {

    /** Far beyond any pid text, so the locked byte and the pid never overlap. */
    private static final long LOCKED_BYTE = 1L << 30;

    /** Lock files (real paths) this JVM holds. Guarded by itself; acquiring is rare. */
    private static final Map<Path, ChainLock> HELD = new HashMap<>();

    private final StateDir dir;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private ChainLock(StateDir dir, Path key, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the chain or throws {@link ChainBusyException} naming the process that has it. */
    public static ChainLock acquire(StateDir dir) {
        long self = ProcessHandle.current().pid();
        synchronized (HELD) {
            Path key = key(dir, true);
            if (HELD.containsKey(key)) throw new ChainBusyException(dir.chain(), OptionalLong.of(self));
            FileChannel channel = null;
            try {
                channel = FileChannel.open(
                        key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock(LOCKED_BYTE, 1, false);
                if (lock == null) throw new ChainBusyException(dir.chain(), readPid(channel));
                channel.truncate(0);
                channel.write(ByteBuffer.wrap((self + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                ChainLock held = new ChainLock(dir, key, channel, lock);
                HELD.put(key, held);
                channel = null;
                return held;
            } catch (IOException e) {
                throw new MarbleException("cannot lock " + key + ": " + e.getMessage(), e);
            } catch (OverlappingFileLockException e) {
                // only possible if something else in this JVM locked the file behind our back
                throw new ChainBusyException(dir.chain(), OptionalLong.of(self));
            } finally {
                if (channel != null) closeQuietly(channel);
            }
        }
    }

    /** The process that runs a chain; its pid is unknown for the instant between its lock and its write. */
    public record Holder(OptionalLong pid) {}

    /**
     * Who runs the chain, empty when nobody does. For {@code status}: it creates nothing. It probes
     * with a shared lock held for microseconds; a start in exactly that instant is refused and can be repeated.
     */
    public static Optional<Holder> holder(StateDir dir) {
        synchronized (HELD) {
            Path key = key(dir, false);
            if (key == null) return Optional.empty();
            if (HELD.containsKey(key))
                return Optional.of(
                        new Holder(OptionalLong.of(ProcessHandle.current().pid())));
            try (FileChannel channel = FileChannel.open(key, StandardOpenOption.READ)) {
                FileLock probe = channel.tryLock(LOCKED_BYTE, 1, true);
                if (probe != null) {
                    probe.release();
                    return Optional.empty();
                }
                return Optional.of(new Holder(readPid(channel)));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new MarbleException("cannot read " + key + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The pid the last holder wrote into the lock file, held or not: after a crash, the process that ran the chain.
     * Reads only, without locking; empty when there is no lock file or no pid in it.
     */
    public static OptionalLong recordedPid(StateDir dir) {
        Path file = dir.dir().resolve(StateDir.LOCK);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readPid(channel);
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new MarbleException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public StateDir dir() {
        return dir;
    }

    @Override
    public void close() {
        synchronized (HELD) {
            if (HELD.get(key) != this) return;
            try {
                if (lock.isValid()) lock.release();
            } catch (IOException e) {
                // closing the channel below releases it too
            } finally {
                closeQuietly(channel);
                HELD.remove(key);
            }
        }
    }

    /** The lock file's real path (so two spellings of one directory meet), or null when it does not exist and may not
     * be made. */
    private static Path key(StateDir dir, boolean create) {
        try {
            if (create) {
                Files.createDirectories(dir.dir());
            } else if (!Files.exists(dir.dir().resolve(StateDir.LOCK))) {
                return null;
            }
            return dir.dir().toRealPath().resolve(StateDir.LOCK);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new MarbleException("cannot open " + dir.dir() + ": " + e.getMessage(), e);
        }
    }

    private static OptionalLong readPid(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // the holder has locked but not yet written its pid
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written through it that could be lost
        }
    }
}
