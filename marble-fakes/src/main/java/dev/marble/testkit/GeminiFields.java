package dev.marble.testkit;

import tools.jackson.databind.JsonNode;

/**
 * Field access as the Gemini API's JSON parser allows it: every field by its lowerCamelCase name or by its
 * proto name in snake_case ({@code functionDeclarations} or {@code function_declarations}).
 */
final class GeminiFields {
    private GeminiFields() {}

    /** The field by either spelling, or {@code null}. */
    static JsonNode get(JsonNode node, String camelName) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(camelName);
        return value != null ? value : node.get(snake(camelName));
    }

    static String string(JsonNode node, String camelName) {
        JsonNode value = get(node, camelName);
        return value != null && value.isString() ? value.asString() : null;
    }

    static Iterable<JsonNode> elements(JsonNode node, String camelName) {
        JsonNode value = get(node, camelName);
        return value != null && value.isArray() ? value : java.util.List.of();
    }

    /** {@code functionDeclarations} to {@code function_declarations}. */
    static String snake(String camelName) {
        StringBuilder out = new StringBuilder(camelName.length() + 4);
        for (char c : camelName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code function_declarations} to {@code functionDeclarations}. */
    static String camel(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
