package dev.marble.json;

import java.io.StringWriter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BigIntegerNode;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.LongNode;

/**
 * Writes Jackson's tree as compact JSON with Jackson's generator alone, no mapper, for the reason
 * {@link JsonTreeReader} gives ({@code marble config} writes every setting's value this way, and built a mapper for
 * it). The text is what Marble's mapper writes: the same escapes ({@link TerminalSafeEscapes}), keys in order, numbers
 * as the mapper writes them. Only trees of objects, lists, text, flags, nulls and int, long, big-integer and double
 * numbers are written here; for any other node {@link #write} answers null and the mapper writes the tree.
 */
public final class JsonTreeWriter {

    private static final JsonFactory FACTORY =
            JsonFactory.builder().characterEscapes(new TerminalSafeEscapes()).build();

    private JsonTreeWriter() {}

    /** {@code node} as JSON text, or null when it holds a node only a mapper writes (see the class). */
    public static String write(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            if (!write(generator, node)) return null; // what was written so far is dropped with the writer
        }
        return out.toString();
    }

    /** Writes {@code node}; false, at the first node of a kind only a mapper writes, with the text left unfinished. */
    private static boolean write(JsonGenerator generator, JsonNode node) {
        if (node.isObject()) {
            generator.writeStartObject();
            for (var property : node.properties()) {
                generator.writeName(property.getKey());
                if (!write(generator, property.getValue())) return false;
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (JsonNode item : node.values()) if (!write(generator, item)) return false;
            generator.writeEndArray();
        } else if (node.isString()) {
            generator.writeString(node.stringValue());
        } else if (node.isBoolean()) {
            generator.writeBoolean(node.booleanValue());
        } else if (node.isNull()) {
            generator.writeNull();
        } else if (node instanceof IntNode) {
            generator.writeNumber(node.intValue());
        } else if (node instanceof LongNode) {
            generator.writeNumber(node.longValue());
        } else if (node instanceof BigIntegerNode) {
            generator.writeNumber(node.bigIntegerValue());
        } else if (node instanceof DoubleNode) {
            generator.writeNumber(node.doubleValue());
        } else {
            return false;
        }
        return true;
    }
}
