package dev.marble.provider.gemini;

import dev.marble.json.Json;
import dev.marble.model.ChatOptions;
import dev.marble.model.ChatRequest;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.model.ToolSpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link ChatRequest} as a {@code GenerateContentRequest}: {@code contents} with roles {@code user} and
 * {@code model}, the system prompt as {@code systemInstruction}, tools as one {@code functionDeclarations} list,
 * options in {@code generationConfig}. A tool result becomes a {@code functionResponse} part, which the API matches
 * to its call by name (and by id where the call had one), so the name is looked up from the call it answers.
 */
final class GeminiRequestBody {

    /** Fields of the request itself; every other extra option ({@code -o KEY VALUE}) belongs in generationConfig. */
    private static final Set<String> REQUEST_FIELDS = Set.of("safetySettings", "toolConfig", "cachedContent");

    private GeminiRequestBody() {}

    static ObjectNode write(ChatRequest request) {
        ObjectNode body = Json.object();
        ArrayNode contents = body.putArray("contents");
        Map<String, String> callNames = new HashMap<>();
        for (Message message : request.messages()) {
            ObjectNode content = Json.object();
            content.put("role", message.role() == Role.ASSISTANT ? "model" : "user");
            ArrayNode parts = content.putArray("parts");
            if (message.role() == Role.ASSISTANT) model(message, parts, callNames);
            else user(message, parts, callNames);
            if (!parts.isEmpty()) contents.add(content);
        }
        if (request.system() != null && !request.system().isBlank()) {
            body.putObject("systemInstruction").putArray("parts").addObject().put("text", request.system());
        }
        if (!request.tools().isEmpty()) {
            ArrayNode declarations = body.putArray("tools").addObject().putArray("functionDeclarations");
            for (ToolSpec spec : request.tools()) {
                ObjectNode declaration = declarations.addObject();
                declaration.put("name", spec.name());
                if (!spec.description().isEmpty()) declaration.put("description", spec.description());
                ObjectNode parameters = GeminiSchema.parameters(spec.inputSchema());
                if (parameters != null) declaration.set("parameters", parameters);
            }
        }
        ObjectNode config = generationConfig(request.options());
        for (Map.Entry<String, JsonNode> extra : request.options().extra().entrySet()) {
            if (REQUEST_FIELDS.contains(extra.getKey())) body.set(extra.getKey(), extra.getValue());
            else config.set(extra.getKey(), extra.getValue());
        }
        if (!config.isEmpty()) body.set("generationConfig", config);
        return body;
    }

    private static ObjectNode generationConfig(ChatOptions options) {
        ObjectNode config = Json.object();
        if (options.maxTokens() != null) config.put("maxOutputTokens", options.maxTokens());
        if (options.temperature() != null) config.put("temperature", options.temperature());
        if (options.topP() != null) config.put("topP", options.topP());
        if (!options.stopSequences().isEmpty()) {
            ArrayNode stops = config.putArray("stopSequences");
            options.stopSequences().forEach(stops::add);
        }
        if (options.thinkingBudgetTokens() != null) {
            config.putObject("thinkingConfig")
                    .put("thinkingBudget", options.thinkingBudgetTokens())
                    .put("includeThoughts", true);
        }
        return config;
    }

    /**
     * The model's turn as it was: text, function calls (with their ids, so the API and Marble pair them alike), and
     * each thought signature on the part it came with. Thought text is not sent back: the signature carries it.
     */
    private static void model(Message message, ArrayNode parts, Map<String, String> callNames) {
        String signature = null;
        for (Part part : message.parts()) {
            switch (part) {
                case Part.Reasoning reasoning -> {
                    if (reasoning.signature() != null) signature = reasoning.signature();
                }
                case Part.Text text -> {
                    ObjectNode wire = parts.addObject().put("text", text.text());
                    signature = sign(wire, signature);
                }
                case Part.ToolCall call -> {
                    callNames.put(call.id(), call.name());
                    ObjectNode wire = parts.addObject();
                    ObjectNode functionCall = wire.putObject("functionCall");
                    functionCall.put("id", call.id());
                    functionCall.put("name", call.name());
                    functionCall.set("args", call.arguments().isObject() ? call.arguments() : Json.object());
                    signature = sign(wire, signature);
                }
                default -> {
                    // tool results and attachments are never the model's
                }
            }
        }
        if (signature != null) parts.addObject().put("text", "").put("thoughtSignature", signature);
    }

    private static String sign(ObjectNode part, String signature) {
        if (signature != null) part.put("thoughtSignature", signature);
        return null;
    }

    /** Tool results first, as the API wants the responses right after the call turn, then the rest. */
    private static void user(Message message, ArrayNode parts, Map<String, String> callNames) {
        for (Part part : message.parts()) {
            if (part instanceof Part.ToolResult result) {
                ObjectNode response = parts.addObject().putObject("functionResponse");
                response.put("id", result.toolCallId());
                response.put("name", callNames.getOrDefault(result.toolCallId(), "unknown_tool"));
                // "output" and "error" are the keys the API documents for a function's result and its failure.
                response.putObject("response").put(result.isError() ? "error" : "output", result.content());
            }
        }
        for (Part part : message.parts()) {
            if (part instanceof Part.Text text) parts.addObject().put("text", text.text());
            else if (part instanceof Part.Attachment attachment) attachment(parts.addObject(), attachment);
        }
    }

    private static void attachment(ObjectNode part, Part.Attachment attachment) {
        if (attachment.mediaType().startsWith("text/")) {
            part.put("text", new String(attachment.data(), StandardCharsets.UTF_8));
            return;
        }
        part.putObject("inlineData")
                .put("mimeType", attachment.mediaType())
                .put("data", Base64.getEncoder().encodeToString(attachment.data()));
    }
}
