package dev.marble.format.chain;

import dev.marble.chain.ChainFileException;
import dev.marble.config.LocatedDocument;
import dev.marble.error.SourceLocation;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * Reads the keys of one object of a chain file that {@link dev.marble.config.ShapeValidator} has
 * already checked, so the types are right; what is left are the checks a shape cannot express
 * (ranges of {@code int}, dates, URLs), reported at the value's line and column.
 */
final class FieldReader {

    private final LocatedDocument document;
    private final JsonNode node;
    private final JsonPointer pointer;
    private final String field;

    FieldReader(LocatedDocument document, JsonNode node, JsonPointer pointer, String field) {
        this.document = document;
        this.node = node;
        this.pointer = pointer;
        this.field = field;
    }

    static FieldReader root(LocatedDocument document) {
        return new FieldReader(document, document.root(), JsonPointer.empty(), "");
    }

    /** The reader of an object-valued key, or null when the key is absent. */
    FieldReader child(String key) {
        JsonNode value = node.get(key);
        return value == null ? null : new FieldReader(document, value, pointer.appendProperty(key), name(key));
    }

    /** The reader of element {@code i} of this (array) node. */
    FieldReader element(int i) {
        return new FieldReader(document, node.get(i), pointer.appendIndex(i), field + "[" + i + "]");
    }

    int size() {
        return node.size();
    }

    JsonNode node() {
        return node;
    }

    String text(String key, String fallback) {
        JsonNode value = node.get(key);
        return value == null ? fallback : value.asString();
    }

    boolean flag(String key, boolean fallback) {
        JsonNode value = node.get(key);
        return value == null ? fallback : value.booleanValue();
    }

    Boolean flagOrNull(String key) {
        JsonNode value = node.get(key);
        return value == null ? null : value.booleanValue();
    }

    /** A whole number that must fit an {@code int}: {@code "max_rounds": 1e12} is a mistake, not a wish. */
    int wholeNumber(String key, int fallback) {
        JsonNode value = node.get(key);
        if (value == null) return fallback;
        if (!value.canConvertToInt()) {
            throw error(key, "expected a whole number up to " + Integer.MAX_VALUE + ", got " + value);
        }
        return value.intValue();
    }

    double number(String key, double fallback) {
        JsonNode value = node.get(key);
        return value == null ? fallback : value.doubleValue();
    }

    BigDecimal decimalOrNull(String key) {
        JsonNode value = node.get(key);
        return value == null ? null : value.decimalValue();
    }

    Duration secondsOrNull(String key) {
        JsonNode value = node.get(key);
        return value == null ? null : Duration.ofSeconds(value.longValue());
    }

    List<String> textsOrNull(String key) {
        JsonNode value = node.get(key);
        if (value == null) return null;
        List<String> texts = new ArrayList<>(value.size());
        for (JsonNode item : value) texts.add(item.asString());
        return texts;
    }

    /** The location of this object itself, named by its field. */
    SourceLocation location() {
        return document.valueAt(pointer, field.isEmpty() ? null : field);
    }

    SourceLocation locationOf(String key) {
        return document.valueAt(pointer.appendProperty(key), name(key));
    }

    /** Where a key itself stands: unknown keys are reported there. */
    SourceLocation keyLocationOf(String key) {
        return document.keyAt(pointer.appendProperty(key), name(key));
    }

    ChainFileException error(String key, String problem) {
        return new ChainFileException(locationOf(key), problem);
    }

    /** An error about a key's name rather than its value, reported where the key stands. */
    ChainFileException keyError(String key, String problem) {
        return new ChainFileException(keyLocationOf(key), problem);
    }

    ChainFileException error(String problem) {
        return new ChainFileException(location(), problem);
    }

    String name(String key) {
        return field.isEmpty() ? key : field + "." + key;
    }
}
