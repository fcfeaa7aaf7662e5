package dev.marble.local;

import dev.marble.error.ModelException;
import dev.marble.json.Json;
import dev.marble.model.ChatOptions;
import dev.marble.model.ChatRequest;
import dev.marble.model.ToolSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A request checked in Java before anything reaches llama.cpp, where a malformed one (a NaN
 * temperature written into its JSON, an unknown parameter, a tool without a schema) can abort the
 * whole JVM instead of failing one call. Every problem is one line naming the field.
 *
 * @param answerSchema the JSON schema the answer must follow (structured output), or null
 */
record LocalRequest(
        ChatRequest request, JsonNode answerSchema, Integer seed, Integer topK, Double minP, Double repeatPenalty) {

    /** The {@code -o KEY VALUE} options this provider understands beyond Marble's own. */
    static final List<String> EXTRA_OPTIONS =
            List.of("json_schema", "response_format", "seed", "top_k", "min_p", "repeat_penalty");

    static LocalRequest check(ChatRequest request) {
        ChatOptions options = request.options();
        if (options.maxTokens() != null && options.maxTokens() < 1)
            bad("max_tokens must be at least 1, got " + options.maxTokens());
        if (options.temperature() != null && !(options.temperature() >= 0 && options.temperature() <= 5)) {
            bad("temperature must be a number from 0 to 5, got " + options.temperature());
        }
        if (options.topP() != null && !(options.topP() > 0 && options.topP() <= 1)) {
            bad("top_p must be above 0 and at most 1, got " + options.topP());
        }
        for (String stop : options.stopSequences()) if (stop.isEmpty()) bad("a stop sequence is empty");
        Set<String> names = new HashSet<>();
        for (ToolSpec tool : request.tools()) {
            if (tool.name().isBlank()) bad("a tool has an empty name");
            if (!names.add(tool.name())) bad("two tools are named '" + tool.name() + "'");
            if (!tool.inputSchema().isObject())
                bad("tool '" + tool.name() + "': its input schema is not a JSON object");
        }
        JsonNode schema = null;
        for (Map.Entry<String, JsonNode> extra : options.extra().entrySet()) {
            if (!EXTRA_OPTIONS.contains(extra.getKey())) {
                bad("unknown option '" + extra.getKey() + "' for the local provider (it knows max_tokens, temperature, "
                        + "top_p, stop, " + String.join(", ", EXTRA_OPTIONS) + ")");
            }
        }
        JsonNode jsonSchema = options.extra().get("json_schema");
        if (jsonSchema != null) schema = schemaObject(jsonSchema, "json_schema");
        JsonNode format = options.extra().get("response_format");
        if (format != null) {
            if (!format.isObject()) bad("response_format must be an object, as in Chat Completions");
            String type = format.path("type").asString("");
            switch (type) {
                case "json_schema" ->
                    schema = schemaObject(
                            format.path("json_schema").path("schema"), "response_format.json_schema.schema");
                case "json_object" -> schema = Json.object().put("type", "object");
                case "text" -> {}
                default -> bad("response_format.type must be text, json_object or json_schema, got '" + type + "'");
            }
        }
        return new LocalRequest(
                request,
                schema,
                whole(options, "seed", Integer.MIN_VALUE),
                whole(options, "top_k", 0),
                decimal(options, "min_p", 0, 1),
                decimal(options, "repeat_penalty", 0, 10));
    }

    private static JsonNode schemaObject(JsonNode node, String field) {
        if (node.isString()) {
            try {
                node = Json.parse(node.asString());
            } catch (RuntimeException e) {
                bad(field + " is not valid JSON");
            }
        }
        if (!node.isObject()) bad(field + " must be a JSON schema object");
        return node;
    }

    private static Integer whole(ChatOptions options, String key, int min) {
        JsonNode node = options.extra().get(key);
        if (node == null) return null;
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < min)
            bad(key + " must be a whole number" + (min > Integer.MIN_VALUE ? " of at least " + min : "") + ", got "
                    + node);
        return node.asInt();
    }

    private static Double decimal(ChatOptions options, String key, double min, double max) {
        JsonNode node = options.extra().get(key);
        if (node == null) return null;
        if (!node.isNumber() || !(node.asDouble() >= min && node.asDouble() <= max)) {
            bad(key + " must be a number from " + min + " to " + max + ", got " + node);
        }
        return node.asDouble();
    }

    private static void bad(String message) {
        throw new ModelException(ModelException.Kind.BAD_REQUEST, "local: " + message);
    }
}
