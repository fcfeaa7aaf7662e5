package dev.marble.agent;

import dev.marble.config.LocatedDocument;
import dev.marble.config.LocatedDocumentReader;
import dev.marble.error.ConfigException;
import dev.marble.error.UsageException;
import dev.marble.json.Json;
import dev.marble.model.ConversationJson;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.secret.RedactedConversation;
import dev.marble.secret.SecretRedactor;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
            Files.writeString(partial, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root), StandardCharsets.UTF_8);
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UsageException("cannot write the conversation to " + file + ": " + e.getMessage(), e);
        }
    }

    public static Saved read(Path file) {
        if (!Files.isRegularFile(file)) throw new UsageException("conversation file not found: " + file);
        LocatedDocument document = LocatedDocumentReader.read(file, LocatedDocumentReader.Format.JSON);
        JsonNode root = document.root();
        if (root.isArray()) return new Saved(null, fromLlmLoop(document));
        if (root.isObject() && FORMAT.equals(Json.text(root, "format"))) return marble(document);
        throw new ConfigException(document.valueAt(JsonPointer.empty(), null), "expected a Marble conversation (an object"
                + " with \"format\": \"" + FORMAT + "\") or an llm-loop export (a list of {prompt, response, tool_calls})");
    }

    private static Saved marble(LocatedDocument document) {
        JsonNode messages = document.root().path("messages");
        List<Message> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            try {
                out.add(ConversationJson.readMessage(messages.get(i)));
            } catch (RuntimeException e) {
                throw new ConfigException(document.valueAt(JsonPointer.compile("/messages/" + i), "messages[" + i + "]"),
                        "not a message: " + e.getMessage());
            }
        }
        return new Saved(Json.text(document.root(), "system"), out);
    }

    private static List<Message> fromLlmLoop(LocatedDocument document) {
        List<Message> out = new ArrayList<>();
        JsonNode items = document.root();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw new ConfigException(document.valueAt(JsonPointer.compile("/" + i), "[" + i + "]"),
                        "expected an object with prompt, response and tool_calls");
            }
            String prompt = Json.text(item, "prompt", "");
            if (!prompt.isBlank()) out.add(Message.user(prompt));
            List<Part> parts = new ArrayList<>();
            String response = Json.text(item, "response", "");
            if (!response.isEmpty()) parts.add(new Part.Text(response));
            List<Part> results = new ArrayList<>();
            JsonNode calls = item.path("tool_calls");
            for (int c = 0; c < calls.size(); c++) {
                JsonNode call = calls.get(c);
                String id = Json.text(call, "tool_call_id", "imported_" + i + "_" + c);
                parts.add(new Part.ToolCall(id, Json.text(call, "name", "unknown"), arguments(call.path("arguments"))));
                results.add(new Part.ToolResult(id, NOT_RECORDED, false));
            }
            if (parts.isEmpty()) continue;
            if (out.isEmpty() || out.getLast().role() == Role.ASSISTANT) out.add(Message.user("(continued)"));
            out.add(new Message(Role.ASSISTANT, parts));
            if (!results.isEmpty()) out.add(new Message(Role.USER, results));
        }
        return out;
    }

    /** llm's arguments are an object, or JSON text of one. */
    private static JsonNode arguments(JsonNode node) {
        if (node.isObject()) return node;
        if (node.isString()) {
            try {
                JsonNode parsed = Json.parse(node.stringValue());
                if (parsed.isObject()) return parsed;
            } catch (RuntimeException ignored) {
                // not JSON: kept as text below
            }
        }
        ObjectNode wrapped = Json.object();
        if (!node.isMissingNode() && !node.isNull()) wrapped.set("value", node);
        return wrapped;
    }
}
