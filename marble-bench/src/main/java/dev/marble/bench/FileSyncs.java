package dev.marble.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Counts the file syncs ({@code FileChannel.force}: fsync, fdatasync) made by the thread that opened a window while it
 * was open,
 * and the time they took, from JFR's {@code jdk.FileForce} events with no threshold. A chain's state writes are
 * durable (each one forces the file and then its directory), and on a shared disk the waits for them, not Marble's
 * CPU, are most of what a link costs beyond its model: this says how many there are and how long they took, in the
 * same run as the figures they explain.
 */
final class FileSyncs implements AutoCloseable {

    /** The syncs made inside one window. */
    record Count(int syncs, Duration time) {}

    /** A span of time on one thread: only that thread's syncs count (JFR forces its own files too). */
    private record Window(long thread, Instant from, Instant to) {}

    private final Recording recording = new Recording();
    private final List<Window> windows = new ArrayList<>();
    private List<RecordedEvent> events;

    FileSyncs() {
        recording.enable("jdk.FileForce").withThreshold(Duration.ZERO).withoutStackTrace();
        recording.start();
    }

    /** Marks a window; {@link #count} gives what it held once the recording has ended. */
    int open() {
        windows.add(new Window(Thread.currentThread().threadId(), Instant.now(), null));
        return windows.size() - 1;
    }

    void close(int window) {
        Window open = windows.get(window);
        windows.set(window, new Window(open.thread(), open.from(), Instant.now()));
    }

    /** Ends the recording and reads its events; call once, after the last window. */
    void finish() throws IOException {
        recording.stop();
        Path file = Files.createTempFile("marble-syncs", ".jfr");
        try {
            recording.dump(file);
            events = RecordingFile.readAllEvents(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    Count count(int window) {
        if (events == null) throw new IllegalStateException("finish() first");
        Window w = windows.get(window);
        int syncs = 0;
        Duration time = Duration.ZERO;
        for (RecordedEvent event : events) {
            Instant at = event.getStartTime();
            if (event.getThread() != null
                    && event.getThread().getJavaThreadId() == w.thread()
                    && !at.isBefore(w.from())
                    && at.isBefore(w.to())) {
                syncs++;
                time = time.plus(event.getDuration());
            }
        }
        return new Count(syncs, time);
    }

    @Override
    public void close() {
        recording.close();
    }
}
