package dev.marble.api;

import dev.marble.chain.state.AtomicFiles;
import dev.marble.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code marble worker} runs, as it writes it to its status file after every change, for {@code marble worker
 * --status} (which reads the file: it needs neither the engine's classes nor its server).
 *
 * @param name        the worker's name
 * @param pid         its process id
 * @param host        the machine it runs on
 * @param server      the server it serves, as {@link DurableEngine.Connection#describe()} says (no credential)
 * @param taskQueue   the queue it shares with every worker
 * @param ownQueue    its own queue, where pinned chains' links come
 * @param state       SERVING, DRAINING or STOPPED
 * @param maxLinks    links it runs at once at most
 * @param done        activities (links, calls) it finished since it started
 * @param startedAt   when it started (ISO-8601)
 * @param updatedAt   when it wrote this (ISO-8601)
 * @param running     what it runs now
 */
public record WorkerReport(
        String name,
        long pid,
        String host,
        String server,
        String taskQueue,
        String ownQueue,
        String state,
        int maxLinks,
        int done,
        String startedAt,
        String updatedAt,
        List<Work> running) {

    /** One activity in flight (a chain's link, a run's call): its workflow's id, its kind, since when (ISO-8601). */
    public record Work(String workflowId, String activity, String since) {}

    public WorkerReport {
        running = running == null ? List.of() : List.copyOf(running);
    }

    /** Writes it to {@code file} whole (a reader never sees half of it). */
    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        AtomicFiles.write(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
    }

    /** The report in {@code file}; empty when there is none or it cannot be read. */
    public static Optional<WorkerReport> read(Path file) {
        try {
            return Optional.of(Json.mapper().readValue(Files.readString(file), WorkerReport.class));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Where workers started in the project whose state directory is {@code stateDirectory} write their reports. */
    public static Path directory(Path stateDirectory) {
        return stateDirectory.resolve("workers");
    }
}
