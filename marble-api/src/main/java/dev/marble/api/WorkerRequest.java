package dev.marble.api;

import dev.marble.Marble;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code marble worker}: serve a {@link DurableEngine}'s work until stopped.
 *
 * @param marble             the project the worker runs in: configuration, providers, journal
 * @param name               the worker's name, which names its own queue (a pinned chain's links go there); the
 *                           host's name by default, so a restarted worker takes its chains back
 * @param maxConcurrentLinks links (and other activities) this worker runs at once
 * @param drain              on SIGTERM, how long the links in flight may take to finish before they are handed back
 * @param statusFile         where the worker writes what it runs, for {@code marble worker --status}
 */
public record WorkerRequest(Marble marble, String name, int maxConcurrentLinks, Duration drain, Path statusFile) {

    public WorkerRequest {
        Objects.requireNonNull(marble, "marble");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(drain, "drain");
        Objects.requireNonNull(statusFile, "statusFile");
        if (maxConcurrentLinks < 1) throw new IllegalArgumentException("maxConcurrentLinks must be at least 1");
    }
}
