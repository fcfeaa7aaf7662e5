package dev.marble.provider;

import dev.marble.error.ModelException;
import dev.marble.json.Json;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.ConversationJson;
import dev.marble.model.ModelRef;
import dev.marble.model.StreamListener;
import dev.marble.secret.SecretRedactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * LLMProc's debug dumps, for every provider alike: when a provider's API refuses a call (an HTTP error that retrying
 * cannot mend, such as 400 or 404), the request as Marble sent it and the error are written, redacted, to
 * {@code <folder>/<timestamp>-<provider>.json}, and the error's message names that file. Errors that are retried
 * (429, 5xx, timeouts) are not dumped: the request was not what went wrong. A dump that cannot be written leaves
 * the error as it was.
 */
public final class DebugDumpChatModel implements ChatModel {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ChatModel delegate;
    private final Path folder;
    private final SecretRedactor redactor;
    private final Clock clock;

    public DebugDumpChatModel(ChatModel delegate, Path folder, SecretRedactor redactor, Clock clock) {
        this.delegate = delegate;
        this.folder = folder;
        this.redactor = redactor;
        this.clock = clock;
    }

    @Override
    public ModelRef ref() {
        return delegate.ref();
    }

    @Override
    public ChatResponse chat(ChatRequest request, StreamListener listener) {
        try {
            return delegate.chat(request, listener);
        } catch (ModelException e) {
            if (e.httpStatus() == null || e.retryable()) throw e;
            Path dump;
            try {
                dump = write(request, e);
            } catch (IOException | RuntimeException notWritten) {
                e.addSuppressed(notWritten);
                throw e;
            }
            throw e.withMessage(e.getMessage() + " (request and error saved in " + dump + ")");
        }
    }

    private Path write(ChatRequest request, ModelException error) throws IOException {
        ObjectNode dump = Json.object();
        dump.put("time", clock.instant().toString());
        dump.put("provider", delegate.ref().provider());
        dump.put("model", delegate.ref().model());
        dump.put("http_status", error.httpStatus());
        dump.put("error_kind", error.kind().name().toLowerCase(java.util.Locale.ROOT));
        dump.put("error", String.valueOf(error.getMessage()));
        dump.set("request", ConversationJson.request(request));
        JsonNode redacted = Json.mapStrings(dump, redactor::redact);
        Files.createDirectories(folder);
        String stem = STAMP.format(clock.instant()) + "-" + safe(delegate.ref().provider());
        for (int n = 1; ; n++) {
            Path file = folder.resolve(n == 1 ? stem + ".json" : stem + "-" + n + ".json");
            try {
                Files.createFile(file, ownerOnly());
                Files.writeString(file, Json.write(redacted) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                return file;
            } catch (FileAlreadyExistsException taken) {
                // two failures in one millisecond: the next number
            }
        }
    }

    /** The conversation is the user's: readable by its owner alone where the file system knows owners. */
    private FileAttribute<?>[] ownerOnly() {
        return folder.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                }
                : new FileAttribute<?>[0];
    }

    /** A provider name as part of a file name: letters, digits, dot, dash and underscore only. */
    private static String safe(String provider) {
        return provider.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
