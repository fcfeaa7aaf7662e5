package dev.marble.otel;

import dev.marble.Marble;
import dev.marble.json.Json;
import dev.marble.model.ChatRequest;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.secret.SecretRedactor;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Whether prompts, answers, tool arguments and results go into spans, and their shape when they do: the GenAI
 * conventions' message JSON ({@code role}, {@code parts} of type text, tool_call or tool_call_response). Off unless
 * {@code OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT} says so; when on, everything passes the redactor the
 * journal uses, so a secret the model repeats is as absent from a trace as from the journal.
 */
record ContentCapture(boolean enabled, SecretRedactor redactor) {

    static final String VARIABLE = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";

    /** marble.json's {@code telemetry.capture_content}, which the variable overrides either way when it is set. */
    static final String CONFIG_KEY = "telemetry.capture_content";

    /**
     * On for {@code true}, and for the newer values that name where content goes, as long as spans are among them;
     * off for any other value of the variable; marble.json's key when the variable is not set.
     */
    static ContentCapture from(Map<String, String> variables, boolean configured, SecretRedactor redactor) {
        String value = variables.get(VARIABLE);
        if (value == null || value.isBlank()) return new ContentCapture(configured, redactor);
        String normalised = value.trim().toLowerCase(Locale.ROOT);
        boolean on = normalised.equals("true") || normalised.equals("span_only") || normalised.equals("span_and_event");
        return new ContentCapture(on, redactor);
    }

    static ContentCapture of(Marble marble) {
        return from(
                marble.environment().variables(),
                marble.config().flag(CONFIG_KEY, false).value(),
                marble.redactor());
    }

    String text(String text) {
        return redactor.redact(text == null ? "" : text);
    }

    String json(JsonNode node) {
        return redactor.redact(Json.write(redactor.redact(node)));
    }

    String systemInstructions(String system) {
        ArrayNode parts = Json.array();
        parts.add(textPart(system));
        return json(parts);
    }

    String inputMessages(ChatRequest request) {
        ArrayNode messages = Json.array();
        for (Message message : request.messages()) messages.add(message(message, null));
        return json(messages);
    }

    String userMessage(String text) {
        return json(Json.array().add(message(Message.user(text), null)));
    }

    String outputMessages(Message message, String finishReason) {
        return json(Json.array().add(message(message, finishReason)));
    }

    private static ObjectNode message(Message message, String finishReason) {
        ObjectNode node = Json.object();
        node.put("role", message.role().wireName());
        ArrayNode parts = node.putArray("parts");
        for (Part part : message.parts()) {
            switch (part) {
                case Part.Text text -> parts.add(textPart(text.text()));
                case Part.ToolCall call -> {
                    ObjectNode p = parts.addObject();
                    p.put("type", "tool_call");
                    p.put("id", call.id());
                    p.put("name", call.name());
                    p.set("arguments", call.arguments());
                }
                case Part.ToolResult result -> {
                    ObjectNode p = parts.addObject();
                    p.put("type", "tool_call_response");
                    p.put("id", result.toolCallId());
                    p.put("response", result.content());
                }
                case Part.Reasoning reasoning -> {
                    ObjectNode p = parts.addObject();
                    p.put("type", "reasoning");
                    p.put("content", reasoning.text() == null ? "" : reasoning.text());
                }
                // The bytes of an attachment stay out of a trace: its type and name say what it was.
                case Part.Attachment attachment -> {
                    ObjectNode p = parts.addObject();
                    p.put("type", "blob");
                    p.put("mime_type", attachment.mediaType());
                    p.put("name", attachment.name());
                }
                // A provider's own block (server tool results and the like): named, its payload left out.
                case Part.ProviderBlock block -> {
                    ObjectNode p = parts.addObject();
                    p.put("type", "provider_block");
                    p.put("provider", block.provider());
                }
            }
        }
        if (finishReason != null) node.put("finish_reason", finishReason);
        return node;
    }

    private static ObjectNode textPart(String text) {
        ObjectNode part = Json.object();
        part.put("type", "text");
        part.put("content", text == null ? "" : text);
        return part;
    }
}
