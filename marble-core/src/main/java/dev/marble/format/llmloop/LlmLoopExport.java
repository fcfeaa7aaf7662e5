package dev.marble.format.llmloop;

import dev.marble.error.UsageException;
import dev.marble.json.Json;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.secret.RedactedConversation;
import dev.marble.secret.SecretRedactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A conversation in llm-loop's export format, for tools written against it: a JSON array with one
 * {@code {prompt, response, tool_calls: [{name, arguments, tool_call_id}]}} per model answer, as llm's
 * responses were. The prompt is the text a person (or the loop) sent just before the answer, "" after
 * tool results. The format has no place for tool results, system prompts, thinking or attachments,
 * so they are left out; Marble's own format keeps them.
 */
public final class LlmLoopExport {

    private LlmLoopExport() {}

    /** The array, with every secret {@code redactor} knows removed. */
    public static ArrayNode toJson(List<Message> conversation, SecretRedactor redactor) {
        List<Message> messages = RedactedConversation.of(conversation, redactor);
        ArrayNode out = Json.array();
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            if (message.role() != Role.ASSISTANT) continue;
            ObjectNode response = out.addObject();
            response.put("prompt", i > 0 ? promptText(messages.get(i - 1)) : "");
            response.put("response", message.text());
            ArrayNode calls = response.putArray("tool_calls");
            for (Part.ToolCall call : message.toolCalls()) {
                ObjectNode entry = calls.addObject();
                entry.put("name", call.name());
                entry.set("arguments", call.arguments());
                entry.put("tool_call_id", call.id());
            }
        }
        return out;
    }

    /** Writes the array to {@code file}, atomically, indented by two as llm-loop wrote it. */
    public static void write(Path file, List<Message> conversation, SecretRedactor redactor) {
        try {
            Path absolute = file.toAbsolutePath();
            if (absolute.getParent() != null) Files.createDirectories(absolute.getParent());
            Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
            Files.writeString(
                    partial,
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(conversation, redactor)),
                    StandardCharsets.UTF_8);
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UsageException("cannot write the conversation to " + file + ": " + e.getMessage(), e);
        }
    }

    /** A user message's own text; tool results carry none, and llm's prompt for the answer after them was "". */
    private static String promptText(Message previous) {
        return previous.role() == Role.USER ? previous.text() : "";
    }
}
