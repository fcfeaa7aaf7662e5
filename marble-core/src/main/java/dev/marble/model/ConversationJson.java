package dev.marble.model;

import dev.marble.json.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Marble's own, provider-neutral JSON for messages and parts. Opaque provider data (thinking
 * signatures, redacted thinking, provider blocks) is written as is, so a conversation read back can be sent to the
 * provider again. Attachments are written as metadata only unless {@code withData} is set: the
 * journal needs to know a file was sent, not to hold a second copy of it.
 */
public final class ConversationJson {

    private ConversationJson() {}

    public static ArrayNode messages(List<Message> messages, boolean withData) {
        ArrayNode out = Json.array();
        for (Message message : messages) out.add(message(message, withData));
        return out;
    }

    public static ObjectNode message(Message message, boolean withData) {
        ObjectNode out = Json.object();
        out.put("role", message.role().wireName());
        ArrayNode parts = out.putArray("parts");
        for (Part part : message.parts()) parts.add(part(part, withData));
        return out;
    }

    public static ObjectNode part(Part part, boolean withData) {
        ObjectNode out = Json.object();
        // instanceof, not a pattern switch: on JDK 25 each pattern switch makes a class the first time it runs,
        // a few ms of every start that reaches it (docs/performance.md, "Start-up"). EventJsonTest and
        // ConversationJsonTest cover every permitted type, as the switch's exhaustiveness did.
        if (part instanceof Part.Text text) {
            out.put("type", "text");
            out.put("text", text.text());
        } else if (part instanceof Part.ToolCall call) {
            out.put("type", "tool_call");
            out.put("id", call.id());
            out.put("name", call.name());
            out.set("arguments", call.arguments());
        } else if (part instanceof Part.ToolResult result) {
            out.put("type", "tool_result");
            out.put("tool_call_id", result.toolCallId());
            out.put("content", result.content());
            if (result.isError()) out.put("is_error", true);
        } else if (part instanceof Part.Reasoning reasoning) {
            out.put("type", "reasoning");
            out.put("text", reasoning.text());
            if (reasoning.signature() != null) out.put("signature", reasoning.signature());
            if (reasoning.redactedData() != null) out.put("redacted_data", reasoning.redactedData());
        } else if (part instanceof Part.Attachment attachment) {
            out.put("type", "attachment");
            out.put("media_type", attachment.mediaType());
            if (attachment.name() != null) out.put("name", attachment.name());
            out.put("size", attachment.data().length);
            if (withData) out.put("data", Base64.getEncoder().encodeToString(attachment.data()));
        } else if (part instanceof Part.ProviderBlock opaque) {
            out.put("type", "provider_block");
            out.put("provider", opaque.provider());
            out.set("block", opaque.block());
        } else {
            throw new IllegalArgumentException(
                    "not a part Marble knows: " + part.getClass().getName());
        }
        return out;
    }

    public static List<Message> readMessages(JsonNode array) {
        List<Message> out = new ArrayList<>();
        for (JsonNode node : array) out.add(readMessage(node));
        return out;
    }

    public static Message readMessage(JsonNode node) {
        String roleName = Json.text(node, "role", "user");
        Role role = switch (roleName) {
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            default ->
                throw new IllegalArgumentException("unknown role '" + roleName + "' (expected user or assistant)");
        };
        List<Part> parts = new ArrayList<>();
        for (JsonNode part : node.path("parts")) parts.add(readPart(part));
        return new Message(role, parts);
    }

    public static Part readPart(JsonNode node) {
        String type = Json.text(node, "type", "");
        return switch (type) {
            case "text" -> new Part.Text(Json.text(node, "text", ""));
            case "tool_call" ->
                new Part.ToolCall(Json.text(node, "id", ""), Json.text(node, "name", ""), node.get("arguments"));
            case "tool_result" ->
                new Part.ToolResult(
                        Json.text(node, "tool_call_id", ""),
                        Json.text(node, "content", ""),
                        node.path("is_error").asBoolean(false));
            case "reasoning" ->
                new Part.Reasoning(
                        Json.text(node, "text", ""), Json.text(node, "signature"), Json.text(node, "redacted_data"));
            case "attachment" ->
                new Part.Attachment(
                        Json.text(node, "media_type", "application/octet-stream"),
                        Json.text(node, "name"),
                        Base64.getDecoder().decode(Json.text(node, "data", "")));
            case "provider_block" -> providerBlock(node);
            default -> throw new IllegalArgumentException("unknown part type '" + type + "'");
        };
    }

    private static Part.ProviderBlock providerBlock(JsonNode node) {
        JsonNode block = node.path("block");
        if (!block.isObject()) throw new IllegalArgumentException("a provider_block part needs a 'block' object");
        return new Part.ProviderBlock(Json.text(node, "provider", ""), block);
    }

    /** A request as the journal keeps it: what was asked, of which tools, with which options. */
    public static ObjectNode request(ChatRequest request) {
        ObjectNode out = Json.object();
        if (request.system() != null) out.put("system", request.system());
        out.set("messages", messages(request.messages(), false));
        if (!request.tools().isEmpty()) out.set("tools", tools(request.tools()));
        ObjectNode options = options(request.options());
        if (options != null) out.set("options", options);
        return out;
    }

    public static ArrayNode tools(List<ToolSpec> tools) {
        ArrayNode out = Json.array();
        for (ToolSpec tool : tools) {
            ObjectNode spec = out.addObject();
            spec.put("name", tool.name());
            spec.put("description", tool.description());
            spec.set("input_schema", tool.inputSchema());
        }
        return out;
    }

    /** The options that were set, or null when none was. */
    public static ObjectNode options(ChatOptions options) {
        ObjectNode opts = Json.object();
        if (options.maxTokens() != null) opts.put("max_tokens", options.maxTokens());
        if (options.temperature() != null) opts.put("temperature", options.temperature());
        if (options.topP() != null) opts.put("top_p", options.topP());
        if (!options.stopSequences().isEmpty()) {
            ArrayNode stops = opts.putArray("stop");
            options.stopSequences().forEach(stops::add);
        }
        if (options.thinkingBudgetTokens() != null) opts.put("thinking_budget_tokens", options.thinkingBudgetTokens());
        if (options.promptCaching()) opts.put("prompt_caching", true);
        if (options.timeout() != null) opts.put("timeout_ms", options.timeout().toMillis());
        if (options.session() != null) {
            opts.put("session_id", options.session().id());
            opts.put("resume", options.session().resume());
        }
        options.extra().forEach(opts::set);
        return opts.isEmpty() ? null : opts;
    }

    /** What a response says beside its message: stop reason, the model that answered, ids. */
    public static ObjectNode responseMeta(ChatResponse response) {
        ObjectNode out = Json.object();
        out.put("stop_reason", response.stopReason().name().toLowerCase(Locale.ROOT));
        if (response.rawStopReason() != null) out.put("raw_stop_reason", response.rawStopReason());
        out.put("model", response.model().toString());
        if (response.responseId() != null) out.put("id", response.responseId());
        if (response.sessionId() != null) out.put("session_id", response.sessionId());
        return out;
    }

    /** Every attempt a call made, errors passed through {@code redact} (a person may see this). */
    public static ArrayNode attempts(List<Attempt> attempts, UnaryOperator<String> redact) {
        ArrayNode out = Json.array();
        for (Attempt attempt : attempts) {
            ObjectNode node = out.addObject();
            node.put("model", attempt.model().toString());
            node.put("attempt", attempt.number());
            node.put("latency_ms", attempt.latency().toMillis());
            node.put("waited_ms", attempt.waitBefore().toMillis());
            node.put(
                    "error",
                    attempt.error() == null ? null : redact.apply(attempt.error())); // null, not absent: one shape
        }
        return out;
    }

    public static ObjectNode response(ChatResponse response) {
        ObjectNode out = message(response.message(), false);
        out.setAll(responseMeta(response));
        return out;
    }
}
