package dev.marble.json;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper Marble shares (mappers are thread-safe and costly to build), and small helpers. */
public final class Json {

    /**
     * Built on first use, not when the helpers below are first called: building a mapper initialises its builder's
     * defaults, among them a date format that loads the JDK's locale data, some 20 ms of a short command's CPU, which
     * a command that only reads files ({@code chain status}; see {@link JsonTreeReader}) does without.
     */
    private static final class Holder {
        /** Writes C1 controls and invisible format characters as escapes (see {@link TerminalSafeEscapes}). */
        static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                        .characterEscapes(new TerminalSafeEscapes())
                        .build())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** The nodes a mapper makes, without the mapper. */
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {}

    /** Marble's mapper, built the first time it is asked for. */
    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /**
     * {@code value} as a node: text, whole numbers, flags and lists of them directly, anything else through the
     * mapper, whose first {@code valueToTree} finds and builds serializers (marble config read each schema default
     * that way, a few ms of its start; docs/performance.md).
     */
    public static JsonNode value(Object value) {
        // instanceof, not a pattern switch: that too costs its first run a generated class.
        var nodes = NODES;
        if (value == null) return nodes.nullNode();
        if (value instanceof String text) return nodes.stringNode(text);
        if (value instanceof Integer number) return nodes.numberNode(number.intValue());
        if (value instanceof Long number) return nodes.numberNode(number.longValue());
        if (value instanceof Boolean flag) return nodes.booleanNode(flag);
        if (value instanceof List<?> list) {
            ArrayNode items = array();
            for (Object item : list) items.add(value(item));
            return items;
        }
        return mapper().valueToTree(value);
    }

    public static JsonNode parse(String text) {
        return mapper().readTree(text);
    }

    /** Compact JSON, written without building the mapper where the tree allows ({@link JsonTreeWriter}). */
    public static String write(JsonNode node) {
        String text = node == null ? null : JsonTreeWriter.write(node);
        return text != null ? text : mapper().writeValueAsString(node);
    }

    /** A field's string value, or {@code fallback} when it is missing, null or not a string. */
    public static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.stringValue() : fallback;
    }

    public static String text(JsonNode node, String field) {
        return text(node, field, null);
    }

    /**
     * Applies {@code change} to every string value in {@code node} itself, keys and other values kept: for a tree the
     * caller has just built and owns, where {@link #mapStrings}'s copy would only be garbage (a chain report has
     * thousands of nodes).
     */
    public static void changeStrings(JsonNode node, UnaryOperator<String> change) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> property : object.properties()) {
                JsonNode value = property.getValue();
                if (value.isString()) {
                    String changed = change.apply(value.stringValue());
                    // the common case, nothing changed: the node stays
                    if (!value.stringValue().equals(changed)) property.setValue(NODES.stringNode(changed));
                } else changeStrings(value, change);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isString()) {
                    String changed = change.apply(item.stringValue());
                    if (!item.stringValue().equals(changed)) array.set(i, NODES.stringNode(changed));
                } else changeStrings(item, change);
            }
        }
    }

    /** A copy of {@code node} with {@code change} applied to every string value in it; keys and other values kept. */
    public static JsonNode mapStrings(JsonNode node, UnaryOperator<String> change) {
        if (node.isString()) return NODES.stringNode(change.apply(node.stringValue()));
        if (node.isObject()) {
            ObjectNode out = object();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                out.set(property.getKey(), mapStrings(property.getValue(), change));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = array();
            for (JsonNode item : node) out.add(mapStrings(item, change));
            return out;
        }
        return node.deepCopy();
    }

    /** A field's whole-number value, or 0 when it is missing or not a number. */
    public static long count(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.asLong() : 0;
    }
}
