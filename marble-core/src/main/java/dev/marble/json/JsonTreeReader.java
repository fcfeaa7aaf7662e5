package dev.marble.json;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads JSON text into Jackson's tree with Jackson's parser alone, no mapper. Written by hand, in a few lines, because
 * building a mapper is the largest single cost of a short command that reads its files and writes no JSON (its
 * builder's defaults include a date format whose initialisation loads the JDK's locale data: about a tenth of
 * {@code marble chain status}'s CPU; docs/performance.md). The tree is the one {@code ObjectMapper.readTree} makes
 * with Marble's settings: keys in order, a key given twice refused, whole numbers as int, long or big-integer nodes by
 * size, other numbers as doubles, and anything after the value refused, as Jackson 3 refuses trailing tokens.
 */
public final class JsonTreeReader {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTreeReader() {}

    /** A parser of {@code text} with the same settings (for a second pass over it, say). */
    public static JsonParser parser(String text) {
        return FACTORY.createParser(text);
    }

    /** The tree of {@code text}, which holds one JSON value; a {@link StreamReadException} where it does not. */
    public static JsonNode read(String text) {
        try (JsonParser parser = parser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) throw new StreamReadException(parser, "no JSON value in the text");
            JsonNode root = value(parser, first);
            if (parser.nextToken() != null) {
                throw new StreamReadException(parser, "text after the end of the JSON value");
            }
            return root;
        }
    }

    private static JsonNode value(JsonParser parser, JsonToken token) {
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> NODES.stringNode(parser.getString());
            case VALUE_NUMBER_INT -> wholeNumber(parser);
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new StreamReadException(parser, "unexpected " + token);
        };
    }

    private static ObjectNode object(JsonParser parser) {
        ObjectNode object = NODES.objectNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            if (token == null) throw new StreamReadException(parser, "the text ends inside an object");
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == null) throw new StreamReadException(parser, "the text ends inside an object");
            object.set(name, value(parser, value));
        }
        return object;
    }

    private static ArrayNode array(JsonParser parser) {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) throw new StreamReadException(parser, "the text ends inside a list");
            array.add(value(parser, token));
        }
        return array;
    }

    private static JsonNode wholeNumber(JsonParser parser) {
        return switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
        };
    }
}
