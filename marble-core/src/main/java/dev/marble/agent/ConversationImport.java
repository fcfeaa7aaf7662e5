package dev.marble.agent;

import static dev.marble.config.Shape.Field.optional;
import static dev.marble.config.Shape.Field.required;

import dev.marble.config.FileSizeLimit;
import dev.marble.config.LocatedDocument;
import dev.marble.config.LocatedDocumentReader;
import dev.marble.config.Shape;
import dev.marble.config.ShapeValidator;
import dev.marble.error.ConfigException;
import dev.marble.error.UsageException;
import dev.marble.json.Json;
import dev.marble.model.ConversationJson;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a saved conversation back: Marble's own format or llm-loop's export. Both are checked
 * before a message is built, and a mistake is one {@link ConfigException} at the file, line,
 * column and field: a conversation continues a run, so one of the wrong shape (messages that are
 * not a list, a role that is a number, a version this Marble does not know, a tool result whose
 * call is not in the message before it) must not be taken silently and sent to a model as if it
 * were the run's own history.
 */
final class ConversationImport {

    /** The versions of Marble's format this Marble reads; a file without one is version 1. */
    static final Set<Integer> VERSIONS = Set.of(1);

    private static final Shape.Fields PART = Shape.Fields.of(
            required(
                    "type",
                    new Shape.Choice(Set.of("text", "tool_call", "tool_result", "reasoning", "attachment")),
                    "what the part is"),
            optional("text", new Shape.Text(), null, "text and reasoning"),
            optional("id", new Shape.Text(), null, "tool_call: its id"),
            optional("name", new Shape.Text(), null, "tool_call: the tool; attachment: the file name"),
            optional("arguments", new Shape.FreeObject("the tool's input"), null, "tool_call: the tool's input object"),
            optional("tool_call_id", new Shape.Text(), null, "tool_result: the call it answers"),
            optional("content", new Shape.Text(), null, "tool_result: what the tool returned"),
            optional("is_error", new Shape.Flag(), null, "tool_result: whether it is an error"),
            optional("signature", new Shape.Text(), null, "reasoning: the provider's signature"),
            optional("redacted_data", new Shape.Text(), null, "reasoning: redacted thinking"),
            optional("media_type", new Shape.Text(), null, "attachment: its type"),
            optional("size", new Shape.WholeNumber(0), null, "attachment: its size in bytes"),
            optional("data", new Shape.Text(), null, "attachment: its content, base64"));

    private static final Shape.Fields MESSAGE = Shape.Fields.of(
            required("role", new Shape.Choice(Set.of("user", "assistant")), "who wrote it"),
            required("parts", new Shape.ListOf(PART), "what it says"));

    private static final Shape.Fields MARBLE = Shape.Fields.of(
            required("format", new Shape.Text(), "marble-conversation"),
            optional("version", new Shape.WholeNumber(1), 1, "the format's version"),
            optional("exported_at", new Shape.Text(), null, "when it was written"),
            optional("model", new Shape.Text(), null, "the model of the run"),
            optional("system", new Shape.Text(), null, "the run's system prompt"),
            required("messages", new Shape.ListOf(MESSAGE), "the conversation, oldest first"));

    /** The keys each part type needs, beyond its type. */
    private static final Map<String, List<String>> NEEDED = Map.of(
            "text", List.of("text"),
            "tool_call", List.of("id", "name"),
            "tool_result", List.of("tool_call_id", "content"),
            "reasoning", List.of(),
            "attachment", List.of("media_type", "data"));

    private static final Shape.ListOf LLM_LOOP = new Shape.ListOf(Shape.Fields.of(
            optional("prompt", new Shape.Text(), "", "what the user asked"),
            optional("response", new Shape.Text(), "", "what the model answered"),
            // A call's arguments are not checked: an object or JSON text of one, anything else is kept as text.
            optional(
                    "tool_calls",
                    new Shape.ListOf(Shape.Fields.of(
                            optional("name", new Shape.Text(), null, "the tool"),
                            optional("tool_call_id", new Shape.Text(), null, "the call's id"))),
                    null,
                    "the tools it called")));

    private ConversationImport() {}

    static ConversationFile.Saved read(Path file) {
        if (!Files.isRegularFile(file)) throw new UsageException("conversation file not found: " + file);
        LocatedDocument document =
                LocatedDocumentReader.read(file, LocatedDocumentReader.Format.JSON, FileSizeLimit.CONVERSATION);
        JsonNode root = document.root();
        if (root.isArray()) return new ConversationFile.Saved(null, fromLlmLoop(document));
        if (root.isObject() && ConversationFile.FORMAT.equals(Json.text(root, "format"))) return marble(document);
        throw new ConfigException(
                document.valueAt(JsonPointer.empty(), null),
                "expected a Marble conversation (an object"
                        + " with \"format\": \"" + ConversationFile.FORMAT
                        + "\") or an llm-loop export (a list of {prompt,"
                        + " response, tool_calls})");
    }

    private static ConversationFile.Saved marble(LocatedDocument document) {
        JsonNode root = document.root();
        JsonNode version = root.get("version");
        if (version != null
                && !(version.isIntegralNumber()
                        && version.canConvertToInt()
                        && VERSIONS.contains(version.intValue()))) {
            throw new ConfigException(
                    document.valueAt(JsonPointer.compile("/version"), "version"),
                    "expected version 1, the only version of the format this Marble reads, got "
                            + ShapeValidator.describe(version));
        }
        ShapeValidator.validate(document, MARBLE);
        JsonNode messages = root.get("messages");
        List<Message> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            JsonPointer at = JsonPointer.compile("/messages/" + i);
            checkParts(document, messages.get(i), at, "messages[" + i + "]");
            Message message;
            try {
                message = ConversationJson.readMessage(messages.get(i));
            } catch (RuntimeException e) {
                throw new ConfigException(
                        document.valueAt(at, "messages[" + i + "]"), "not a message: " + e.getMessage());
            }
            checkToolResults(document, message, out.isEmpty() ? null : out.getLast(), at, "messages[" + i + "]");
            out.add(message);
        }
        return new ConversationFile.Saved(Json.text(root, "system"), out);
    }

    /** Each part has the keys its type needs; the shape checked the rest. */
    private static void checkParts(LocatedDocument document, JsonNode message, JsonPointer at, String field) {
        JsonNode parts = message.get("parts");
        for (int p = 0; p < parts.size(); p++) {
            JsonNode part = parts.get(p);
            String type = part.get("type").stringValue();
            for (String key : NEEDED.get(type)) {
                if (!part.has(key)) {
                    throw new ConfigException(
                            document.valueAt(at.appendProperty("parts").appendIndex(p), field + ".parts[" + p + "]"),
                            "missing required key \"" + key + "\" of a " + type + " part");
                }
            }
        }
    }

    /**
     * A tool result answers a call of the assistant message just before it, once: the APIs refuse
     * anything else, and a result with no call could put words in the model's mouth.
     */
    private static void checkToolResults(
            LocatedDocument document, Message message, Message previous, JsonPointer at, String field) {
        Set<String> open = new HashSet<>();
        if (previous != null && previous.role() == Role.ASSISTANT) {
            for (Part.ToolCall call : previous.toolCalls()) open.add(call.id());
        }
        List<Part> parts = message.parts();
        for (int p = 0; p < parts.size(); p++) {
            if (!(parts.get(p) instanceof Part.ToolResult result)) continue;
            String partField = field + ".parts[" + p + "].tool_call_id";
            JsonPointer partAt = at.appendProperty("parts").appendIndex(p).appendProperty("tool_call_id");
            if (message.role() != Role.USER) {
                throw new ConfigException(
                        document.valueAt(partAt, partField),
                        "a tool result belongs in a user message, after the assistant message that made the call");
            }
            if (!open.remove(result.toolCallId())) {
                throw new ConfigException(
                        document.valueAt(partAt, partField),
                        "expected the id of a tool call in the"
                                + " assistant message just before, not yet answered; got \"" + result.toolCallId()
                                + "\"");
            }
        }
    }

    private static List<Message> fromLlmLoop(LocatedDocument document) {
        ShapeValidator.validate(document, LLM_LOOP);
        List<Message> out = new ArrayList<>();
        JsonNode items = document.root();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
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
                results.add(new Part.ToolResult(id, ConversationFile.NOT_RECORDED, false));
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
