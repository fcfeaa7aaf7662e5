package dev.marble.config;

import dev.marble.error.SourceLocation;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * A parsed JSON or YAML file that still knows where each value and key stood, so that a problem
 * found later, during validation, can be reported at its line and column.
 */
public record LocatedDocument(
        Path file, JsonNode root, Map<JsonPointer, Position> values, Map<JsonPointer, Position> keys) {

    public record Position(int line, int column) {}

    public LocatedDocument {
        values = Map.copyOf(values);
        keys = Map.copyOf(keys);
    }

    /** The location of the value at {@code pointer}, named by {@code field} (a dotted path for people). */
    public SourceLocation valueAt(JsonPointer pointer, String field) {
        return locate(values.getOrDefault(pointer, keys.get(pointer)), field);
    }

    /** The location of the key that introduces {@code pointer}: where an unknown key is reported. */
    public SourceLocation keyAt(JsonPointer pointer, String field) {
        return locate(keys.getOrDefault(pointer, values.get(pointer)), field);
    }

    private SourceLocation locate(Position position, String field) {
        return position == null
                ? new SourceLocation(file, 0, 0, field)
                : new SourceLocation(file, position.line(), position.column(), field);
    }
}
