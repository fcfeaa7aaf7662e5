package dev.marble.testkit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The checks the Gemini API makes that a client is likely to get wrong, worded as the API words them: a field it
 * does not know anywhere in the request ({@link GeminiFieldCheck}), a role other than
 * {@code user} and {@code model}, a part without data, an {@code OBJECT} schema without properties, a function
 * name the API refuses, and function responses that do not answer the function call turn right before them (by
 * count, and by name and id). Returns the problem, or {@code null} for a valid request.
 */
final class GeminiValidator {

    private static final Set<String> TYPES =
            Set.of("TYPE_UNSPECIFIED", "STRING", "NUMBER", "INTEGER", "BOOLEAN", "ARRAY", "OBJECT", "NULL");
    private static final Set<String> DATA_FIELDS = Set.of(
            "text",
            "inlineData",
            "fileData",
            "functionCall",
            "functionResponse",
            "executableCode",
            "codeExecutionResult");
    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:\\-]{0,63}");

    String problem(JsonNode body) {
        if (body == null || !body.isObject()) {
            return "Invalid JSON payload received. Expected an object as the request body.";
        }
        String unknown = GeminiFieldCheck.unknownField(body);
        if (unknown != null) {
            return unknown;
        }
        JsonNode contents = GeminiFields.get(body, "contents");
        if (contents == null || !contents.isArray() || contents.isEmpty()) {
            return "* GenerateContentRequest.contents: contents is not specified\n";
        }
        for (int i = 0; i < contents.size(); i++) {
            String problem = content(contents.get(i), "contents[" + i + "]");
            if (problem != null) {
                return problem;
            }
        }
        String tools = tools(body);
        return tools != null ? tools : turns(contents);
    }

    private static String content(JsonNode content, String path) {
        String role = GeminiFields.string(content, "role");
        if (role != null && !role.equals("user") && !role.equals("model")) {
            return "Please use a valid role: user, model.";
        }
        JsonNode parts = GeminiFields.get(content, "parts");
        if (parts == null || !parts.isArray() || parts.isEmpty()) {
            return "* GenerateContentRequest." + path + ".parts: contents.parts must not be empty.\n";
        }
        for (int j = 0; j < parts.size(); j++) {
            JsonNode part = parts.get(j);
            boolean hasData = false;
            for (String field : DATA_FIELDS) {
                hasData |= GeminiFields.get(part, field) != null;
            }
            if (!hasData) {
                return "* GenerateContentRequest." + path + ".parts[" + j
                        + "].data: required oneof field 'data' must have one initialized field\n";
            }
        }
        return null;
    }

    private static String tools(JsonNode body) {
        int t = 0;
        for (JsonNode tool : GeminiFields.elements(body, "tools")) {
            int f = 0;
            for (JsonNode declaration : GeminiFields.elements(tool, "functionDeclarations")) {
                String path = "tools[" + t + "].function_declarations[" + f + "]";
                String name = GeminiFields.string(declaration, "name");
                if (name == null || !FUNCTION_NAME.matcher(name).matches()) {
                    return "* GenerateContentRequest." + path
                            + ".name: Invalid function name. Must start with a letter or an underscore. Must be"
                            + " alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-),"
                            + " with a maximum length of 64.\n";
                }
                JsonNode parameters = GeminiFields.get(declaration, "parameters");
                if (parameters != null && GeminiFields.get(declaration, "parametersJsonSchema") != null) {
                    return "* GenerateContentRequest." + path
                            + ": parameters and parameters_json_schema are mutually exclusive.\n";
                }
                String schema = parameters == null ? null : schema(parameters, path + ".parameters");
                if (schema != null) {
                    return schema;
                }
                f++;
            }
            t++;
        }
        return null;
    }

    private static String schema(JsonNode schema, String path) {
        JsonNode type = GeminiFields.get(schema, "type");
        if (type != null && (!type.isString() || !TYPES.contains(type.asString().toUpperCase()))) {
            return "Invalid JSON payload received. Invalid value at '" + path + ".type' (type.googleapis.com/"
                    + "google.ai.generativelanguage.v1beta.Type), " + type;
        }
        JsonNode properties = GeminiFields.get(schema, "properties");
        if (type != null
                && type.asString().equalsIgnoreCase("OBJECT")
                && (properties == null || !properties.isObject() || properties.isEmpty())) {
            return "* GenerateContentRequest." + path + ".properties: should be non-empty for OBJECT type\n";
        }
        if (properties != null && properties.isObject()) {
            for (Map.Entry<String, JsonNode> property : properties.properties()) {
                String problem = schema(property.getValue(), path + ".properties[" + property.getKey() + "].value");
                if (problem != null) {
                    return problem;
                }
            }
            for (JsonNode required : GeminiFields.elements(schema, "required")) {
                if (!properties.has(required.asString())) {
                    return "* GenerateContentRequest." + path + ".required: property is not defined\n";
                }
            }
        }
        JsonNode items = GeminiFields.get(schema, "items");
        if (items != null) {
            String problem = schema(items, path + ".items");
            if (problem != null) {
                return problem;
            }
        }
        int i = 0;
        for (JsonNode option : GeminiFields.elements(schema, "anyOf")) {
            String problem = schema(option, path + ".any_of[" + i++ + "]");
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /**
     * A turn of function responses must come right after the model's turn of function calls and answer each of
     * them; a turn of calls must come after a user turn or a turn of responses.
     */
    private static String turns(JsonNode contents) {
        List<JsonNode> calls = List.of(); // the calls of the turn right before, if it was a turn of calls
        boolean previousWasUserOrResponses = false;
        for (JsonNode content : contents) {
            List<JsonNode> theseCalls = parts(content, "functionCall");
            List<JsonNode> responses = parts(content, "functionResponse");
            if (!responses.isEmpty()) {
                if (calls.isEmpty()) {
                    return "Please ensure that function response turn comes immediately after a function call turn.";
                }
                if (responses.size() != calls.size()) {
                    return "Please ensure that the number of function response parts is equal to the number of"
                            + " function call parts of the function call turn.";
                }
                String unmatched = unmatched(calls, responses);
                if (unmatched != null) {
                    return unmatched;
                }
            }
            if (!theseCalls.isEmpty() && !previousWasUserOrResponses) {
                return "Please ensure that function call turn comes immediately after a user turn or after a"
                        + " function response turn.";
            }
            boolean model = "model".equals(GeminiFields.string(content, "role"));
            calls = model ? theseCalls : List.of();
            previousWasUserOrResponses = !model;
        }
        return null;
    }

    /** Each response must name a call of the turn, and carry its id when the call had one; each call answered once. */
    private static String unmatched(List<JsonNode> calls, List<JsonNode> responses) {
        List<JsonNode> open = new ArrayList<>(calls);
        for (JsonNode response : responses) {
            String name = GeminiFields.string(response, "name");
            String id = GeminiFields.string(response, "id");
            boolean found = false;
            for (Iterator<JsonNode> it = open.iterator(); it.hasNext(); ) {
                JsonNode call = it.next();
                String callId = GeminiFields.string(call, "id");
                boolean idMatches = callId == null || callId.equals(id);
                if (String.valueOf(name).equals(GeminiFields.string(call, "name")) && idMatches) {
                    it.remove();
                    found = true;
                    break;
                }
            }
            if (!found) {
                return "Please ensure that function response '" + name + "'" + (id == null ? "" : " (id " + id + ")")
                        + " answers a function call of the function call turn.";
            }
        }
        return null;
    }

    private static List<JsonNode> parts(JsonNode content, String kind) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode part : GeminiFields.elements(content, "parts")) {
            JsonNode value = GeminiFields.get(part, kind);
            if (value != null && value.isObject()) {
                found.add(value);
            }
        }
        return found;
    }
}
