package dev.marble.chain.state;

import dev.marble.error.ConfigException;
import dev.marble.error.MarbleException;
import dev.marble.error.SourceLocation;
import dev.marble.error.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One chain's state directory, {@code state/<chain>/}, with the files llmauto users and their
 * scripts know: {@code status.txt} (one word), {@code round_counter.txt} (completed rounds),
 * {@code handoff.md}, {@code handoff_<link>.md}, {@code start_time.txt} (ISO local time, as Python's
 * {@code datetime.isoformat()} writes it), {@code STOP} and {@code <link>-workspace/}. Marble adds
 * {@code shutdown.txt} (why the chain last stopped), {@code progress.json} (see {@link ProgressFile}),
 * {@code handoff.before.md} (the handoff as the running link found it) and {@code lock}.
 *
 * <p>Reading never creates anything (llmauto's {@code status} created directories for any name it was
 * given: defect 10); every write goes through {@link AtomicFiles}. Files are read leniently, as
 * llmauto and the agents write them: surrounding whitespace and a Windows byte-order mark are ignored.
 */
public final class StateDir {

    public static final String UNKNOWN = "UNKNOWN";
    static final String STATUS = "status.txt";
    static final String ROUNDS = "round_counter.txt";
    static final String HANDOFF = "handoff.md";
    /** Not {@code handoff_before.md}: that is the per-link copy of a link named "before". */
    static final String HANDOFF_SNAPSHOT = "handoff.before.md";

    static final String START_TIME = "start_time.txt";
    static final String STOP = "STOP";
    static final String SHUTDOWN = "shutdown.txt";
    static final String PROGRESS = "progress.json";
    static final String LOCK = "lock";
    /** llmauto's continue-mode marker inside a link's workspace. */
    static final String SESSION_MARKER = ".session_marker";

    /** What Python's {@code datetime.now().isoformat()} writes, so llmauto can read our start time. */
    private static final DateTimeFormatter PYTHON_ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private final String chain;
    private final Path dir;
    /** null: the system's, looked up when a time is first read or written (its rules cost a short command 10 ms). */
    private final ZoneId zone;

    private StateDir(String chain, Path dir, ZoneId zone) {
        this.chain = chain;
        this.dir = dir;
        this.zone = zone;
    }

    public static StateDir of(Path stateRoot, String chain) {
        return create(stateRoot, chain, null);
    }

    /** {@code zone} turns the local times llmauto writes into instants. */
    public static StateDir of(Path stateRoot, String chain, ZoneId zone) {
        return create(stateRoot, chain, Objects.requireNonNull(zone, "zone"));
    }

    private static StateDir create(Path stateRoot, String chain, ZoneId zone) {
        if (!isSafeName(chain)) {
            throw new UsageException("chain name \"" + chain + "\" cannot name a state directory:"
                    + " expected a name without /, \\ or control characters that is not . or ..");
        }
        return new StateDir(chain, stateRoot.resolve(chain), zone);
    }

    /**
     * Whether {@code name} can be part of a file name in the state directory: chain and link names
     * become {@code state/<chain>/handoff_<link>.md}, so a slash would write elsewhere.
     */
    public static boolean isSafeName(String name) {
        if (name == null || name.isBlank() || name.equals(".") || name.equals("..")) return false;
        return name.chars().noneMatch(c -> c == '/' || c == '\\' || c < 0x20 || c == 0x7f);
    }

    public String chain() {
        return chain;
    }

    public Path dir() {
        return dir;
    }

    public ZoneId zone() {
        return zone != null ? zone : ZoneId.systemDefault();
    }

    public boolean exists() {
        return Files.isDirectory(dir);
    }

    // --- status.txt ---

    /**
     * The status word as written (an agent may have written any word), {@link #UNKNOWN} when there is no status
     * file: what {@code status} shows.
     */
    public String status() {
        return read(STATUS).map(String::strip).filter(s -> !s.isEmpty()).orElse(UNKNOWN);
    }

    /** The status when the word is one of the runner's; empty when there is no status file or another word. */
    public Optional<ChainStatus> knownStatus() {
        return ChainStatus.fromFileWord(status());
    }

    public void status(ChainStatus status) {
        status(status.fileWord());
    }

    /** Writes a word as an agent or llmauto may: the runner writes a {@link ChainStatus}. */
    public void status(String status) {
        if (status == null || status.isBlank() || status.strip().chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a status is one word, got \"" + status + "\"");
        }
        AtomicFiles.write(dir.resolve(STATUS), status.strip());
    }

    // --- round_counter.txt ---

    /** Completed rounds; 0 when the file is missing or empty (llmauto's non-atomic write could leave it so). */
    public int round() {
        Optional<String> text = read(ROUNDS);
        if (text.isEmpty() || text.get().isBlank()) return 0;
        String value = text.get().strip();
        try {
            int round = Integer.parseInt(value);
            if (round >= 0) return round;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(
                new SourceLocation(dir.resolve(ROUNDS), 1, 1, "completed rounds"),
                "expected a whole number of at least 0, got \"" + value + "\"");
    }

    public void round(int completedRounds) {
        if (completedRounds < 0)
            throw new IllegalArgumentException("completed rounds cannot be negative: " + completedRounds);
        AtomicFiles.write(dir.resolve(ROUNDS), Integer.toString(completedRounds));
    }

    // --- handoff.md and its copies ---

    /** The handoff as the agents wrote it, "" when there is none. */
    public String handoff() {
        return read(HANDOFF).orElse("");
    }

    public void handoff(String text) {
        AtomicFiles.write(handoffFile(), text);
    }

    public Path handoffFile() {
        return dir.resolve(HANDOFF);
    }

    public Path linkHandoffFile(String link) {
        return dir.resolve("handoff_" + checkLink(link) + ".md");
    }

    /** {@code handoff_<link>.md}: what the link left behind, kept even when skip protection restored the handoff. */
    public void linkHandoff(String link, String text) {
        AtomicFiles.write(linkHandoffFile(link), text);
    }

    /**
     * Keeps the handoff as it is now, before a link runs, and returns it. A link killed halfway may have
     * rewritten the handoff half; {@link #restoreHandoffSnapshot()} puts this copy back before it runs again.
     */
    public String snapshotHandoff() {
        String text = handoff();
        AtomicFiles.write(dir.resolve(HANDOFF_SNAPSHOT), text);
        return text;
    }

    /** The snapshot taken before the link now in flight, if one was taken. */
    public Optional<String> handoffSnapshot() {
        return read(HANDOFF_SNAPSHOT);
    }

    /** Puts the snapshot back as the handoff; false (and nothing changed) when there is none. */
    public boolean restoreHandoffSnapshot() {
        Optional<String> snapshot = handoffSnapshot();
        snapshot.ifPresent(this::handoff);
        return snapshot.isPresent();
    }

    /**
     * The link that last ran to its end: the one whose {@code handoff_<link>.md} was written last (a skipped link
     * writes none). Empty before any link finished, and after a reset.
     */
    public Optional<String> lastLinkRun() {
        if (!exists()) return Optional.empty();
        Path newest = null;
        FileTime newestTime = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "handoff_*.md")) {
            for (Path entry : entries) {
                FileTime time = Files.getLastModifiedTime(entry);
                if (newestTime == null || time.compareTo(newestTime) > 0) {
                    newest = entry;
                    newestTime = time;
                }
            }
        } catch (IOException e) {
            throw new MarbleException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        if (newest == null) return Optional.empty();
        String file = newest.getFileName().toString();
        return Optional.of(file.substring("handoff_".length(), file.length() - ".md".length()));
    }

    // --- start_time.txt ---

    public Optional<Instant> startTime() {
        return read(START_TIME).map(String::strip).filter(s -> !s.isEmpty()).map(this::parseStartTime);
    }

    public void startTime(Instant t) {
        LocalDateTime local = LocalDateTime.ofInstant(t, zone()).truncatedTo(ChronoUnit.MICROS);
        AtomicFiles.write(dir.resolve(START_TIME), PYTHON_ISO.format(local));
    }

    private Instant parseStartTime(String text) {
        // Python's fromisoformat accepts any separator between date and time; a space is the common other one.
        String iso =
                text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            return LocalDateTime.parse(iso).atZone(zone()).toInstant();
        } catch (DateTimeParseException local) {
            try {
                return OffsetDateTime.parse(iso).toInstant();
            } catch (DateTimeParseException offset) {
                throw new ConfigException(
                        new SourceLocation(dir.resolve(START_TIME), 1, 1, "start time"),
                        "expected an ISO date and time like 2026-03-01T14:05:09.123456, got \"" + text + "\"");
            }
        }
    }

    // --- STOP and shutdown.txt ---

    /** The reason in the STOP file, "" when the file is empty; empty when no stop is requested. */
    public Optional<String> stopRequest() {
        return read(STOP).map(String::strip);
    }

    public void requestStop(String reason) {
        AtomicFiles.write(dir.resolve(STOP), reason == null ? "" : reason);
    }

    /** The runner calls this when it honours a STOP: a stop is a one-shot request (llmauto's stayed until reset: defect
     * 6). */
    public void clearStopRequest() {
        delete(dir.resolve(STOP));
    }

    /** Why the chain last stopped ({@code MAX_ROUNDS: 5/5}, {@code MANUAL_STOP: ...}), for {@code status}. */
    public Optional<String> lastShutdown() {
        return read(SHUTDOWN).map(String::strip).filter(s -> !s.isEmpty());
    }

    public void lastShutdown(String reason) {
        AtomicFiles.write(dir.resolve(SHUTDOWN), reason);
    }

    // --- workspaces ---

    /** {@code <link>-workspace/}, the working directory of a continue link; created, because the link is about to run
     * in it. */
    public Path workspace(String link) {
        Path workspace = dir.resolve(checkLink(link) + "-workspace");
        try {
            Files.createDirectories(workspace);
        } catch (IOException e) {
            throw new MarbleException("cannot create " + workspace + ": " + e.getMessage(), e);
        }
        return workspace;
    }

    /**
     * The folder llmauto ran a continue link in, {@code <link>-workspace/}, when there is one (Marble makes none):
     * the Claude Code CLI keeps a folder's conversations by folder, so the link's conversation can be continued only
     * there.
     */
    public Optional<Path> llmautoWorkspace(String link) {
        Path workspace = dir.resolve(checkLink(link) + "-workspace");
        return Files.isDirectory(workspace) ? Optional.of(workspace) : Optional.empty();
    }

    /** Whether llmauto's {@code .session_marker} is in {@code workspace}: a run there succeeded, a conversation is. */
    public static boolean hasSessionMarker(Path workspace) {
        return Files.exists(workspace.resolve(SESSION_MARKER));
    }

    // --- reset ---

    /**
     * llmauto's reset (status READY, round 0, no start time and no STOP, a fresh handoff with the
     * same headings in English) and also what llmauto forgot (defect 7): the per-link handoffs, the
     * progress file with its session ids, cost and runtime, the handoff snapshot, the last shutdown
     * reason, and llmauto's {@code .session_marker} in each workspace, so no link resumes an old
     * conversation after a reset. The workspaces themselves stay: the agents' files in them are theirs.
     *
     * <p>The caller holds the {@link ChainLock}: resetting a running chain would pull its state away under it.
     */
    public void reset(Clock clock) {
        delete(dir.resolve(STOP));
        delete(dir.resolve(PROGRESS));
        delete(dir.resolve(START_TIME));
        delete(dir.resolve(SHUTDOWN));
        delete(dir.resolve(HANDOFF_SNAPSHOT));
        forEachEntry("handoff_*.md", this::delete);
        forEachEntry("*-workspace", workspace -> {
            if (Files.isDirectory(workspace)) delete(workspace.resolve(SESSION_MARKER));
        });
        round(0);
        handoff(initialHandoff(LocalDate.now(clock)));
        status(ChainStatus.READY);
    }

    static String initialHandoff(LocalDate date) {
        return "# Handoff - Round 0\n"
                + "## Date: " + date + "\n"
                + "## Role: INITIAL (Reset)\n"
                + "## Task: None\n"
                + "## Status: READY\n";
    }

    // --- helpers ---

    private String checkLink(String link) {
        if (!isSafeName(link)) {
            throw new UsageException("link name \"" + link + "\" cannot name a file in " + dir
                    + ": expected a name without /, \\ or control characters that is not . or ..");
        }
        return link;
    }

    /** A file's text, empty when it does not exist. Undecodable bytes become U+FFFD: an agent's handoff must not stop
     * the chain. */
    Optional<String> read(String name) {
        Path file = dir.resolve(name);
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new MarbleException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new MarbleException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    private void forEachEntry(String glob, Consumer<Path> action) {
        if (!exists()) return;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
            entries.forEach(action);
        } catch (IOException e) {
            throw new MarbleException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
