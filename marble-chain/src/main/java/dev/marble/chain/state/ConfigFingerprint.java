package dev.marble.chain.state;

import dev.marble.error.MarbleException;
import dev.marble.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code config_fingerprint.json}: the SHA-256 of every file a chain's start was configured by
 * (Marble's configuration, the chain file, its prompts, its links' tool files), with when that start
 * began and ended. The next start compares the files with it and says which changed, and whether the
 * change happened while the previous start was running, that is most likely by one of its agents.
 * It reports; it does not refuse to start: the person who changed a file on purpose reads the same line.
 *
 * <p>The hashes are the ones a start began with, not ended with: what an agent changed during a run is
 * exactly what the next start must see as changed.
 */
public final class ConfigFingerprint {

    static final String FILE = "config_fingerprint.json";
    private static final String ABSENT = "absent";

    /** One file that differs from the last start's record, and how. */
    public record Change(Path file, String how) {}

    /** The last start's record: its number, when it began and ended (null: it never recorded its end), the hashes. */
    private record Recorded(int start, Instant started, Instant ended, Map<String, String> hashes) {}

    private final Path recordFile;
    private final List<Path> files;
    private Instant started;

    /** @param files absolute paths; those that do not exist are recorded as absent */
    public ConfigFingerprint(StateDir state, List<Path> files) {
        this.recordFile = state.dir().resolve(FILE);
        this.files = files.stream()
                .map(file -> file.toAbsolutePath().normalize())
                .distinct()
                .toList();
    }

    public Path recordFile() {
        return recordFile;
    }

    /**
     * The files that changed since the last start recorded them (none at a first start), then records
     * this start's hashes. A record that cannot be read is reported as a change of its own and replaced.
     */
    public List<Change> start(Instant now) {
        List<Change> changes = new ArrayList<>();
        Optional<Recorded> last;
        try {
            last = read();
        } catch (MalformedRecord e) {
            last = Optional.empty();
            changes.add(new Change(recordFile, "could not be read (" + e.getMessage() + "), so nothing was compared"));
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Path file : files) hashes.put(file.toString(), hash(file));
        int number = 1;
        if (last.isPresent()) {
            Recorded recorded = last.get();
            number = recorded.start() + 1;
            hashes.forEach((file, hash) -> {
                String before = recorded.hashes().get(file);
                if (before != null && !before.equals(hash))
                    changes.add(new Change(Path.of(file), how(Path.of(file), hash, recorded)));
            });
        }
        started = now;
        write(number, now, null, hashes);
        return changes;
    }

    /** Records that the start begun by {@link #start} ended now, so the next start can tell during from after. */
    public void end(Instant now) {
        if (started == null) return;
        try {
            Optional<Recorded> recorded = read();
            if (recorded.isPresent() && recorded.get().started().equals(started)) {
                write(recorded.get().start(), started, now, recorded.get().hashes());
            }
        } catch (MalformedRecord e) {
            // Whatever broke the record since this start wrote it, the next start reports it.
        }
    }

    private static String how(Path file, String hash, Recorded last) {
        String began = "start " + last.start() + " began (" + shown(last.started()) + ")";
        if (hash.equals(ABSENT)) return "deleted since " + began;
        String verb = last.hashes().get(file.toString()).equals(ABSENT) ? "created" : "modified";
        Instant modified;
        try {
            modified = Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return verb + " since " + began;
        }
        // Whole seconds: some file systems keep modification times no finer, and a change in the start's first
        // second must not read as one from before it.
        if (modified.isBefore(last.started().truncatedTo(ChronoUnit.SECONDS))) {
            return verb + " since " + began + ", though its modification time was set back";
        }
        if (last.ended() == null)
            return verb + " during or after start " + last.start() + ", which began " + shown(last.started())
                    + " and recorded no end";
        if (!modified.isAfter(last.ended())) {
            return verb + " during start " + last.start() + ", " + shown(last.started()) + " to " + shown(last.ended());
        }
        return verb + " after start " + last.start() + " ended (" + shown(last.ended()) + ")";
    }

    private static String shown(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private Optional<Recorded> read() {
        String text;
        try {
            text = Files.readString(recordFile);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new MalformedRecord(e.getMessage());
        }
        try {
            JsonNode root = Json.parse(text);
            Map<String, String> hashes = new LinkedHashMap<>();
            root.path("files").forEachEntry((file, hash) -> hashes.put(file, hash.asString()));
            String ended = root.path("ended").asString(null);
            return Optional.of(new Recorded(
                    root.path("start").asInt(0),
                    Instant.parse(root.path("started").asString()),
                    ended == null ? null : Instant.parse(ended),
                    hashes));
        } catch (JacksonException | DateTimeParseException e) {
            throw new MalformedRecord(e.getClass().getSimpleName());
        }
    }

    private void write(int number, Instant begun, Instant ended, Map<String, String> hashes) {
        ObjectNode root = Json.object();
        root.put("start", number);
        root.put("started", begun.toString());
        if (ended != null) root.put("ended", ended.toString());
        ObjectNode filesNode = root.putObject("files");
        hashes.forEach(filesNode::put);
        AtomicFiles.write(recordFile, Json.write(root) + "\n");
    }

    /** {@code sha256:<hex>} of the file's bytes, {@value #ABSENT} when there is no such file. */
    static String hash(Path file) {
        if (!Files.isRegularFile(file)) return ABSENT;
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) digest.update(buffer, 0, read);
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new MarbleException(
                    "cannot read " + file + " to record the chain's configuration: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static final class MalformedRecord extends RuntimeException {
        MalformedRecord(String message) {
            super(message);
        }
    }
}
