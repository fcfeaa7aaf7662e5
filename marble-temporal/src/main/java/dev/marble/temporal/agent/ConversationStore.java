package dev.marble.temporal.agent;

import dev.marble.json.Json;
import dev.marble.model.ConversationJson;
import dev.marble.model.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a run's conversation lives between its calls. A small one travels in the workflow's history itself
 * ({@code inline:JSON}); once it grows past {@link #INLINE_LIMIT}, it is written to a file named by its content's
 * hash under the run's folder and only the reference ({@code file:RUN_ID/HASH}) travels, so that no payload comes
 * near Temporal's 2 MB limit and the history stays far below its 50 MB. The folder must be the same for every
 * worker that may take the run's calls (one machine, or a shared file system): see docs/temporal.md.
 *
 * <p>Files are written once and never changed (same content, same name), so a call retried on another worker, or a
 * worker that dies while writing, can never leave a reference pointing at other content.
 */
public final class ConversationStore {

    /** A conversation up to this many characters of JSON travels inline. */
    public static final int INLINE_LIMIT = 64 * 1024;

    private static final String INLINE = "inline:";
    private static final String FILE = "file:";
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final Path folder;

    public ConversationStore(Path folder) {
        this.folder = folder;
    }

    public String save(String runId, List<Message> conversation) {
        String json = Json.write(ConversationJson.messages(conversation, true));
        if (json.length() <= INLINE_LIMIT) return INLINE + json;
        requireRunId(runId);
        String hash = sha256(json);
        Path file = folder.resolve(runId).resolve(hash + ".json");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Path partial = Files.createTempFile(file.getParent(), hash, ".partial");
                Files.writeString(partial, json, StandardCharsets.UTF_8);
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the conversation of run " + runId + " in " + folder, e);
        }
        return FILE + runId + "/" + hash;
    }

    public List<Message> load(String reference) {
        if (reference.startsWith(INLINE)) {
            return ConversationJson.readMessages(Json.parse(reference.substring(INLINE.length())));
        }
        if (!reference.startsWith(FILE)) throw new IllegalArgumentException("not a conversation reference");
        String[] parts = reference.substring(FILE.length()).split("/", 2);
        // Checked, so that a reference can only ever name a file of this store.
        if (parts.length != 2 || !HASH.matcher(parts[1]).matches()) {
            throw new IllegalArgumentException("not a conversation reference: " + reference);
        }
        requireRunId(parts[0]);
        Path file = folder.resolve(parts[0]).resolve(parts[1] + ".json");
        try {
            return ConversationJson.readMessages(Json.parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the conversation of run " + parts[0] + " is not in " + folder
                            + " on this worker (workers of one run must share temporal conversations)",
                    e);
        }
    }

    /** Whether a reference's conversation is in a file rather than inline. */
    public static boolean stored(String reference) {
        return reference.startsWith(FILE);
    }

    private static void requireRunId(String runId) {
        if (!RUN_ID.matcher(runId).matches()) throw new IllegalArgumentException("not a run id: " + runId);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
