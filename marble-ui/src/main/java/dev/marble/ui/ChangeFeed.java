package dev.marble.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Tells every open page when a chain's state, a log or the journal changed. One thread looks at the files' sizes
 * and times at a modest interval, whatever the number of pages, and each page holds one server-sent-event stream:
 * the browser never polls.
 */
final class ChangeFeed implements AutoCloseable {

    /** One open page; {@link #send} returns false once the page has gone. */
    interface Listener {
        boolean send(String event);
    }

    private final Supplier<List<Path>> watched;
    private final Set<Listener> listeners = new CopyOnWriteArraySet<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "marble-ui-changes");
        t.setDaemon(true);
        return t;
    });
    private long lastFingerprint;
    private int idleTicks;

    ChangeFeed(Supplier<List<Path>> watched, long intervalMillis) {
        this.watched = watched;
        this.lastFingerprint = fingerprint();
        timer.scheduleWithFixedDelay(this::tick, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    void add(Listener listener) {
        listeners.add(listener);
    }

    void remove(Listener listener) {
        listeners.remove(listener);
    }

    int listeners() {
        return listeners.size();
    }

    private void tick() {
        if (listeners.isEmpty()) return;
        long now = fingerprint();
        String event;
        if (now != lastFingerprint) {
            lastFingerprint = now;
            idleTicks = 0;
            event = "event: change\ndata: " + now + "\n\n";
        } else if (++idleTicks % 30 == 0) {
            event = ": keep-alive\n\n"; // finds pages that have gone, and keeps proxies from closing the stream
        } else {
            return;
        }
        for (Listener listener : listeners) {
            if (!listener.send(event)) listeners.remove(listener);
        }
    }

    /** Sizes and modification times of the watched files and of the files one or two folders below them. */
    long fingerprint() {
        long hash = 17;
        for (Path path : watched.get()) hash = 31 * hash + fingerprint(path, 2);
        return hash;
    }

    private static long fingerprint(Path path, int depth) {
        try {
            if (!Files.exists(path)) return 0;
            long hash = Files.getLastModifiedTime(path).toMillis() * 7 + Files.size(path);
            if (depth > 0 && Files.isDirectory(path)) {
                try (Stream<Path> children = Files.list(path)) {
                    for (Path child : children.sorted().toList()) hash = 31 * hash + fingerprint(child, depth - 1);
                }
            }
            return hash;
        } catch (IOException e) {
            return 1; // a file that went away while being looked at: the next tick sees the new state
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
