package dev.marble.provider.openai;

import dev.marble.json.Json;
import dev.marble.model.ChatOptions;
import dev.marble.model.ChatRequest;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.model.ToolSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link ChatRequest} as a Chat Completions request body. Tool results, which Marble keeps
 * in user messages as Anthropic does, become {@code tool} messages; reasoning is not sent back,
 * since Chat Completions has no field for it.
 */
final class OpenAiRequestBody {

    private OpenAiRequestBody() {}

    /**
     * @param modernTokenLimit send {@code max_completion_tokens} (api.openai.com, required by its
     *                         reasoning models) rather than {@code max_tokens} (what compatible servers know)
     */
    static ObjectNode write(ChatRequest request, String model, boolean stream, boolean modernTokenLimit) {
        ChatOptions options = request.options();
        ObjectNode body = Json.object();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        if (request.system() != null && !request.system().isBlank()) {
            ObjectNode system = messages.addObject();
            system.put("role", "system");
            system.put("content", request.system());
        }
        for (Message message : request.messages()) {
            if (message.role() == Role.ASSISTANT) messages.add(assistant(message));
            else user(message, messages);
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec spec : request.tools()) {
                ObjectNode tool = tools.addObject();
                tool.put("type", "function");
                ObjectNode function = tool.putObject("function");
                function.put("name", spec.name());
                if (!spec.description().isEmpty()) function.put("description", spec.description());
                function.set("parameters", spec.inputSchema());
            }
        }
        if (options.maxTokens() != null)
            body.put(modernTokenLimit ? "max_completion_tokens" : "max_tokens", options.maxTokens());
        if (options.temperature() != null) body.put("temperature", options.temperature());
        if (options.topP() != null) body.put("top_p", options.topP());
        if (!options.stopSequences().isEmpty()) {
            ArrayNode stops = body.putArray("stop");
            options.stopSequences().forEach(stops::add);
        }
        for (Map.Entry<String, JsonNode> extra : options.extra().entrySet()) body.set(extra.getKey(), extra.getValue());
        if (stream) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    private static ObjectNode assistant(Message message) {
        ObjectNode wire = Json.object();
        wire.put("role", "assistant");
        String text = message.text();
        List<Part.ToolCall> calls = message.toolCalls();
        if (text.isEmpty() && !calls.isEmpty()) wire.putNull("content");
        else wire.put("content", text);
        if (!calls.isEmpty()) {
            ArrayNode toolCalls = wire.putArray("tool_calls");
            for (Part.ToolCall call : calls) {
                ObjectNode entry = toolCalls.addObject();
                entry.put("id", call.id());
                entry.put("type", "function");
                ObjectNode function = entry.putObject("function");
                function.put("name", call.name());
                function.put("arguments", Json.write(call.arguments()));
            }
        }
        return wire;
    }

    /** One Marble user message may become several wire messages: tool results first, then the rest. */
    private static void user(Message message, ArrayNode messages) {
        List<Part> rest = new ArrayList<>();
        for (Part part : message.parts()) {
            if (part instanceof Part.ToolResult result) {
                ObjectNode tool = messages.addObject();
                tool.put("role", "tool");
                tool.put("tool_call_id", result.toolCallId());
                // Chat Completions has no error flag on tool messages; say so in the content.
                tool.put("content", result.isError() ? "Error: " + result.content() : result.content());
            } else if (!(part instanceof Part.Reasoning) && !(part instanceof Part.ProviderBlock)) {
                rest.add(part);
            }
        }
        if (rest.isEmpty()) return;
        ObjectNode user = messages.addObject();
        user.put("role", "user");
        if (rest.size() == 1 && rest.getFirst() instanceof Part.Text text) {
            user.put("content", text.text());
            return;
        }
        ArrayNode content = user.putArray("content");
        for (Part part : rest) {
            ObjectNode item = content.addObject();
            if (part instanceof Part.Text text) {
                item.put("type", "text");
                item.put("text", text.text());
            } else if (part instanceof Part.Attachment attachment) {
                attachment(item, attachment);
            }
        }
    }

    private static void attachment(ObjectNode item, Part.Attachment attachment) {
        String base64 = Base64.getEncoder().encodeToString(attachment.data());
        if (attachment.mediaType().startsWith("image/")) {
            item.put("type", "image_url");
            item.putObject("image_url").put("url", "data:" + attachment.mediaType() + ";base64," + base64);
        } else if (attachment.mediaType().startsWith("text/")) {
            item.put("type", "text");
            item.put("text", new String(attachment.data(), StandardCharsets.UTF_8));
        } else {
            item.put("type", "file");
            ObjectNode file = item.putObject("file");
            file.put("filename", attachment.name() == null ? "attachment" : attachment.name());
            file.put("file_data", "data:" + attachment.mediaType() + ";base64," + base64);
        }
    }
}
