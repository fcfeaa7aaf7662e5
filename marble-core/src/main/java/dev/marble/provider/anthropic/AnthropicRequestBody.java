package dev.marble.provider.anthropic;

import dev.marble.json.Json;
import dev.marble.model.ChatOptions;
import dev.marble.model.ChatRequest;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.ToolSpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link ChatRequest} as a Messages API request body. With prompt caching on, cache
 * breakpoints go where a long agent run gains most: the end of the system prompt, the last tool,
 * and the newest user message, so each turn reads the whole earlier conversation from the cache.
 */
final class AnthropicRequestBody {

    static final int DEFAULT_MAX_TOKENS = 8192;
    /** Output room left above the thinking budget when no max_tokens is set. */
    private static final int ROOM_AFTER_THINKING = 8192;

    private AnthropicRequestBody() {}

    static ObjectNode write(ChatRequest request, String model, boolean stream) {
        ChatOptions options = request.options();
        ObjectNode body = Json.object();
        body.put("model", model);
        body.put("max_tokens", maxTokens(options));
        if (request.system() != null && !request.system().isBlank()) {
            if (options.promptCaching()) {
                ObjectNode block = body.putArray("system").addObject();
                block.put("type", "text");
                block.put("text", request.system());
                cacheHere(block);
            } else {
                body.put("system", request.system());
            }
        }
        ArrayNode messages = body.putArray("messages");
        for (Message message : request.messages()) {
            ObjectNode wire = messages.addObject();
            wire.put("role", message.role().wireName());
            ArrayNode content = wire.putArray("content");
            for (Part part : message.parts()) {
                // The API refuses empty text blocks, yet now and then answers with one (beside a tool call);
                // sent back, it would fail the next call. It carries nothing, so it is left out.
                if (part instanceof Part.Text text && text.text().isEmpty()) continue;
                // Another provider's blocks mean nothing here (a conversation that changed models on the way).
                if (part instanceof Part.ProviderBlock opaque && !opaque.of(AnthropicWire.BLOCKS)) continue;
                content.add(block(part));
            }
        }
        if (options.promptCaching()) cacheLastBlockOfLastUserMessage(messages);
        if (!request.tools().isEmpty() || !options.serverTools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec spec : request.tools()) {
                ObjectNode tool = tools.addObject();
                tool.put("name", spec.name());
                if (!spec.description().isEmpty()) tool.put("description", spec.description());
                tool.set("input_schema", spec.inputSchema());
            }
            AnthropicServerTools.write(options.serverTools(), tools);
            if (options.promptCaching() && !tools.isEmpty()) cacheHere((ObjectNode) tools.get(tools.size() - 1));
        }
        if (options.temperature() != null) body.put("temperature", options.temperature());
        if (options.topP() != null) body.put("top_p", options.topP());
        if (!options.stopSequences().isEmpty()) {
            ArrayNode stops = body.putArray("stop_sequences");
            options.stopSequences().forEach(stops::add);
        }
        if (options.thinkingBudgetTokens() != null) {
            ObjectNode thinking = body.putObject("thinking");
            thinking.put("type", "enabled");
            thinking.put("budget_tokens", options.thinkingBudgetTokens());
        }
        for (Map.Entry<String, JsonNode> extra : options.extra().entrySet()) body.set(extra.getKey(), extra.getValue());
        if (stream) body.put("stream", true);
        return body;
    }

    private static int maxTokens(ChatOptions options) {
        if (options.maxTokens() != null) return options.maxTokens();
        if (options.thinkingBudgetTokens() != null) return options.thinkingBudgetTokens() + ROOM_AFTER_THINKING;
        return DEFAULT_MAX_TOKENS;
    }

    private static ObjectNode block(Part part) {
        ObjectNode block = Json.object();
        switch (part) {
            case Part.Text text -> {
                block.put("type", "text");
                block.put("text", text.text());
            }
            case Part.ToolCall call -> {
                block.put("type", "tool_use");
                block.put("id", call.id());
                block.put("name", call.name());
                block.set("input", call.arguments().isObject() ? call.arguments() : Json.object());
            }
            case Part.ToolResult result -> {
                block.put("type", "tool_result");
                block.put("tool_use_id", result.toolCallId());
                block.put("content", result.content());
                if (result.isError()) block.put("is_error", true);
            }
            case Part.Reasoning reasoning
            when reasoning.redacted() -> {
                block.put("type", "redacted_thinking");
                block.put("data", reasoning.redactedData());
            }
            case Part.Reasoning reasoning -> {
                block.put("type", "thinking");
                block.put("thinking", reasoning.text());
                block.put("signature", reasoning.signature() == null ? "" : reasoning.signature());
            }
            case Part.Attachment attachment -> attachment(block, attachment);
            // Server tool blocks go back exactly as they came: the API checks them (encrypted results and all).
            case Part.ProviderBlock opaque -> {
                return (ObjectNode) opaque.block().deepCopy();
            }
        }
        return block;
    }

    private static void attachment(ObjectNode block, Part.Attachment attachment) {
        String mediaType = attachment.mediaType();
        ObjectNode source = Json.object();
        if (mediaType.startsWith("text/")) {
            block.put("type", "document");
            source.put("type", "text");
            source.put("media_type", "text/plain");
            source.put("data", new String(attachment.data(), StandardCharsets.UTF_8));
        } else {
            block.put("type", mediaType.startsWith("image/") ? "image" : "document");
            source.put("type", "base64");
            source.put("media_type", mediaType);
            source.put("data", Base64.getEncoder().encodeToString(attachment.data()));
        }
        block.set("source", source);
        if (!mediaType.startsWith("image/") && attachment.name() != null) block.put("title", attachment.name());
    }

    private static void cacheLastBlockOfLastUserMessage(ArrayNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if (!"user".equals(message.path("role").asString())) continue;
            JsonNode content = message.path("content");
            if (!content.isEmpty()) cacheHere((ObjectNode) content.get(content.size() - 1));
            return;
        }
    }

    private static void cacheHere(ObjectNode block) {
        block.putObject("cache_control").put("type", "ephemeral");
    }
}
