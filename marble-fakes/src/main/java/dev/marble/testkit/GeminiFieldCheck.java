package dev.marble.testkit;

import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The Gemini API refuses a request with a field it does not know anywhere in it ("Unknown name ... Cannot find
 * field"), naming the field and where it is in proto (snake_case) terms. JSON Schema keywords such as
 * {@code additionalProperties} or {@code $schema} in a function's parameters are the usual offenders.
 */
final class GeminiFieldCheck {

    private GeminiFieldCheck() {}

    /** The fields of each message of the request, by the name of the message. */
    private static final Map<String, Set<String>> FIELDS = Map.ofEntries(
            Map.entry(
                    "GenerateContentRequest",
                    Set.of(
                            "model",
                            "contents",
                            "systemInstruction",
                            "tools",
                            "toolConfig",
                            "safetySettings",
                            "generationConfig",
                            "cachedContent")),
            Map.entry("Content", Set.of("role", "parts")),
            Map.entry(
                    "Part",
                    Set.of(
                            "text",
                            "inlineData",
                            "fileData",
                            "functionCall",
                            "functionResponse",
                            "executableCode",
                            "codeExecutionResult",
                            "thought",
                            "thoughtSignature",
                            "videoMetadata",
                            "partMetadata")),
            Map.entry("Blob", Set.of("mimeType", "data")),
            Map.entry("FileData", Set.of("mimeType", "fileUri")),
            Map.entry("FunctionCall", Set.of("id", "name", "args")),
            Map.entry("FunctionResponse", Set.of("id", "name", "response", "willContinue", "scheduling", "parts")),
            Map.entry(
                    "Tool",
                    Set.of(
                            "functionDeclarations",
                            "googleSearch",
                            "googleSearchRetrieval",
                            "codeExecution",
                            "urlContext",
                            "fileSearch",
                            "googleMaps",
                            "computerUse")),
            Map.entry(
                    "FunctionDeclaration",
                    Set.of(
                            "name",
                            "description",
                            "parameters",
                            "parametersJsonSchema",
                            "response",
                            "responseJsonSchema",
                            "behavior")),
            Map.entry(
                    "Schema",
                    Set.of(
                            "type",
                            "format",
                            "title",
                            "description",
                            "nullable",
                            "enum",
                            "maxItems",
                            "minItems",
                            "properties",
                            "required",
                            "minProperties",
                            "maxProperties",
                            "minLength",
                            "maxLength",
                            "pattern",
                            "example",
                            "anyOf",
                            "propertyOrdering",
                            "default",
                            "items",
                            "minimum",
                            "maximum")),
            Map.entry(
                    "GenerationConfig",
                    Set.of(
                            "stopSequences",
                            "responseMimeType",
                            "responseSchema",
                            "responseJsonSchema",
                            "responseModalities",
                            "candidateCount",
                            "maxOutputTokens",
                            "temperature",
                            "topP",
                            "topK",
                            "seed",
                            "presencePenalty",
                            "frequencyPenalty",
                            "responseLogprobs",
                            "logprobs",
                            "enableEnhancedCivicAnswers",
                            "speechConfig",
                            "thinkingConfig",
                            "imageConfig",
                            "mediaResolution")),
            Map.entry("ThinkingConfig", Set.of("includeThoughts", "thinkingBudget", "thinkingLevel")),
            Map.entry("SafetySetting", Set.of("category", "threshold")),
            Map.entry("ToolConfig", Set.of("functionCallingConfig", "retrievalConfig")),
            Map.entry("FunctionCallingConfig", Set.of("mode", "allowedFunctionNames")));

    /**
     * The first field, anywhere in {@code node} (a message called {@code message}), that the API does not know;
     * free-form values (a call's {@code args}, a response, a schema's {@code default} or {@code example}) are not
     * looked into.
     */
    static String unknownField(JsonNode request) {
        return unknownField(request, "GenerateContentRequest", "");
    }

    private static String unknownField(JsonNode node, String message, String path) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Set<String> known = FIELDS.get(message);
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = GeminiFields.camel(field.getKey());
            String at = path.isEmpty() ? "" : " at '" + path + "'";
            if (!known.contains(name)) {
                return "Invalid JSON payload received. Unknown name \"" + field.getKey() + "\"" + at
                        + ": Cannot find field.";
            }
            String inner = path.isEmpty() ? GeminiFields.snake(name) : path + "." + GeminiFields.snake(name);
            String problem = switch (message + "." + name) {
                case "GenerateContentRequest.contents" -> each(field.getValue(), "Content", inner);
                case "GenerateContentRequest.systemInstruction" -> unknownField(field.getValue(), "Content", inner);
                case "GenerateContentRequest.tools" -> each(field.getValue(), "Tool", inner);
                case "GenerateContentRequest.toolConfig" -> unknownField(field.getValue(), "ToolConfig", inner);
                case "GenerateContentRequest.safetySettings" -> each(field.getValue(), "SafetySetting", inner);
                case "GenerateContentRequest.generationConfig" ->
                    unknownField(field.getValue(), "GenerationConfig", inner);
                case "GenerationConfig.thinkingConfig" -> unknownField(field.getValue(), "ThinkingConfig", inner);
                case "GenerationConfig.responseSchema" -> unknownField(field.getValue(), "Schema", inner);
                case "ToolConfig.functionCallingConfig" ->
                    unknownField(field.getValue(), "FunctionCallingConfig", inner);
                case "Content.parts" -> each(field.getValue(), "Part", inner);
                case "Part.inlineData" -> unknownField(field.getValue(), "Blob", inner);
                case "Part.fileData" -> unknownField(field.getValue(), "FileData", inner);
                case "Part.functionCall" -> unknownField(field.getValue(), "FunctionCall", inner);
                case "Part.functionResponse" -> unknownField(field.getValue(), "FunctionResponse", inner);
                case "Tool.functionDeclarations" -> each(field.getValue(), "FunctionDeclaration", inner);
                case "FunctionDeclaration.parameters", "FunctionDeclaration.response", "Schema.items" ->
                    unknownField(field.getValue(), "Schema", inner);
                case "Schema.anyOf" -> each(field.getValue(), "Schema", inner);
                case "Schema.properties" -> properties(field.getValue(), inner);
                default -> null;
            };
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String each(JsonNode array, String message, String path) {
        if (array == null || !array.isArray()) {
            return null;
        }
        for (int i = 0; i < array.size(); i++) {
            String problem = unknownField(array.get(i), message, path + "[" + i + "]");
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String properties(JsonNode properties, String path) {
        if (properties == null || !properties.isObject()) {
            return null;
        }
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            String problem = unknownField(property.getValue(), "Schema", path + "[" + property.getKey() + "].value");
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }
}
