package dev.marble.agent;

import dev.marble.error.UsageException;
import dev.marble.json.Json;
import dev.marble.model.ConversationJson;
import dev.marble.model.Message;
import dev.marble.secret.RedactedConversation;
import dev.marble.secret.SecretRedactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A conversation saved to a file and read back. Marble's own format keeps every message and part,
 * thinking signatures and attachments included, so a run continues exactly where it stopped.
 * llm-loop's export (a list of {@code {prompt, response, tool_calls}}) is read too; it has no tool
 * results, so each imported tool call gets one that says so, which keeps the conversation valid
 * for the APIs (a tool call must be answered).
 */
public final class ConversationFile {

    public static final String FORMAT = "marble-conversation";
    static final String NOT_RECORDED = "(the result of this call was not recorded in the llm-loop export)";

    /** A conversation and the system prompt it ran under (null when the file has none). */
    public record Saved(String system, List<Message> messages) {}

    private ConversationFile() {}

    /**
     * Writes {@code messages} to {@code file}, atomically (a crash never leaves half a file), with every secret
     * {@code redactor} knows removed, as the journal has it: an export is shared, pasted and committed.
     */
    public static void write(Path file, String system, String model, List<Message> messages, SecretRedactor redactor) {
        ObjectNode root = Json.object();
        root.put("format", FORMAT);
        root.put("version", 1);
        root.put("exported_at", Instant.now().toString());
        if (model != null) root.put("model", model);
        if (system != null) root.put("system", redactor.redact(system));
        root.set("messages", ConversationJson.messages(RedactedConversation.of(messages, redactor), true));
        try {
            Path absolute = file.toAbsolutePath();
            if (absolute.getParent() != null) Files.createDirectories(absolute.getParent());
            Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
            Files.writeString(
                    partial,
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root),
                    StandardCharsets.UTF_8);
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UsageException("cannot write the conversation to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a conversation written by {@link #write} or exported by llm-loop, refusing one of the
     * wrong shape (see {@link ConversationImport}).
     */
    public static Saved read(Path file) {
        return ConversationImport.read(file);
    }
}
