package dev.marble.provider.scripted;

import static dev.marble.config.Shape.Field.optional;

import dev.marble.config.ConfigWarning;
import dev.marble.config.FileSizeLimit;
import dev.marble.config.LocatedDocument;
import dev.marble.config.LocatedDocumentReader;
import dev.marble.config.Shape;
import dev.marble.config.ShapeValidator;
import dev.marble.error.ConfigException;
import dev.marble.error.ModelException;
import dev.marble.json.Json;
import dev.marble.model.Part;
import dev.marble.model.Usage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * A replay file: the replies a scripted model gives, in order. JSON or YAML, either a list of
 * replies or an object with {@code replies}. A reply has {@code text}, {@code tool_calls}
 * ({@code name}, {@code arguments}, optional {@code id}), and optionally {@code usage},
 * {@code stop_reason}, {@code delay_ms}; or it is a failure ({@code error} and {@code message}),
 * so tests can replay retries and fallbacks too. {@code warnings}: keys the file has that no reply knows (a
 * misspelt {@code stop_reasn}), ignored and reported where the file is read, at their line.
 */
public record ScriptFile(Path file, List<Reply> replies, List<ConfigWarning> warnings) {

    /** One scripted answer, or a scripted failure when {@code error} is set. */
    public record Reply(
            List<Part> parts,
            Usage usage,
            String stopReason,
            Duration delay,
            ModelException.Kind error,
            String errorMessage) {}

    private static final Shape.Fields TOOL_CALL = Shape.Fields.of(
            Shape.Field.required("name", new Shape.Text(), "tool name"),
            optional("arguments", new Shape.FreeObject("the tool's input"), null, "the tool's input object"),
            optional("id", new Shape.Text(), null, "tool call id"));

    private static final Shape.Fields REPLY = Shape.Fields.of(
            optional("text", new Shape.Text(), null, "the answer's text"),
            optional("reasoning", new Shape.Text(), null, "thinking shown before the answer"),
            optional("tool_calls", new Shape.ListOf(TOOL_CALL), null, "tool calls the model makes"),
            optional(
                    "usage",
                    Shape.Fields.of(
                            optional("input_tokens", new Shape.WholeNumber(0), 0, ""),
                            optional("output_tokens", new Shape.WholeNumber(0), 0, ""),
                            optional("cache_read_tokens", new Shape.WholeNumber(0), 0, ""),
                            optional("cache_write_tokens", new Shape.WholeNumber(0), 0, "")),
                    null,
                    "tokens to report"),
            optional("stop_reason", new Shape.Text(), null, "end_turn, tool_use, max_tokens, …"),
            optional("delay_ms", new Shape.WholeNumber(0), 0, "wait before answering"),
            optional("error", new Shape.Choice(errorNames()), null, "fail this call instead of answering"),
            optional("message", new Shape.Text(), null, "the failure's message"));

    public static ScriptFile load(Path file) {
        LocatedDocument document =
                LocatedDocumentReader.read(file, LocatedDocumentReader.formatOf(file), FileSizeLimit.REPLAY);
        JsonNode root = document.root();
        JsonNode list = root.isObject() ? root.path("replies") : root;
        JsonPointer listPointer = root.isObject() ? JsonPointer.compile("/replies") : JsonPointer.empty();
        if (!list.isArray()) {
            throw new ConfigException(
                    document.valueAt(listPointer, root.isObject() ? "replies" : null),
                    "expected a list of replies (or an object with \"replies\")");
        }
        if (list.isEmpty())
            throw new ConfigException(document.valueAt(listPointer, "replies"), "the replay has no replies");
        Shape.Fields top = Shape.Fields.of(
                Shape.Field.required("replies", new Shape.ListOf(REPLY), "replies in order"),
                // written by marble logs --replay: the run the replies were recorded from
                optional("recorded_from", new Shape.Text(), null, "the run recorded"));
        List<ConfigWarning> warnings =
                ShapeValidator.validate(document, root.isObject() ? top : new Shape.ListOf(REPLY));
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode reply = list.get(i);
            if (!reply.has("text") && !reply.has("tool_calls") && !reply.has("error")) {
                throw new ConfigException(
                        document.valueAt(listPointer.appendIndex(i), "replies[" + i + "]"),
                        "a reply needs text, tool_calls or error");
            }
            replies.add(reply(reply, i));
        }
        return new ScriptFile(file, replies, warnings);
    }

    private static Reply reply(JsonNode node, int index) {
        List<Part> parts = new ArrayList<>();
        String reasoning = Json.text(node, "reasoning");
        if (reasoning != null) parts.add(new Part.Reasoning(reasoning, null, null));
        String text = Json.text(node, "text");
        if (text != null) parts.add(new Part.Text(text));
        int n = 0;
        for (JsonNode call : node.path("tool_calls")) {
            n++;
            String id = Json.text(call, "id", "call_" + (index + 1) + "_" + n);
            parts.add(new Part.ToolCall(
                    id,
                    Json.text(call, "name"),
                    call.path("arguments").isObject() ? call.get("arguments") : Json.object()));
        }
        JsonNode usage = node.path("usage");
        Usage reported = new Usage(
                Json.count(usage, "input_tokens"),
                Json.count(usage, "output_tokens"),
                Json.count(usage, "cache_read_tokens"),
                Json.count(usage, "cache_write_tokens"));
        String error = Json.text(node, "error");
        ModelException.Kind kind = error == null ? null : ModelException.Kind.valueOf(error.toUpperCase(Locale.ROOT));
        String stop = Json.text(node, "stop_reason", n > 0 ? "tool_use" : "end_turn");
        return new Reply(
                parts,
                reported,
                stop,
                Duration.ofMillis(Json.count(node, "delay_ms")),
                kind,
                Json.text(node, "message", error == null ? null : "scripted " + error));
    }

    private static Set<String> errorNames() {
        Set<String> names = new TreeSet<>();
        for (ModelException.Kind kind : ModelException.Kind.values())
            names.add(kind.name().toLowerCase(Locale.ROOT));
        return names;
    }
}
