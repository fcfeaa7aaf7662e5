package dev.marble.json;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON schema of a tool's arguments, written by hand: an object of named properties, each with a description
 * for the model. A property is required unless {@link #optional()} follows it. Unknown properties are refused, so a
 * misspelled optional argument ({@code ignoreCase}) comes back as an error instead of being silently ignored.
 *
 * <pre>{@code
 * JsonNode schema = JsonSchemas.object()
 *         .string("path", "File to read, relative to the workspace.")
 *         .integer("limit", "How many lines to show.").optional()
 *         .build();
 * }</pre>
 *
 * Not thread-safe; {@link #build()} may be called more than once and returns a fresh node each time.
 */
public final class ObjectSchema {

    private final Map<String, ObjectNode> properties = new LinkedHashMap<>();
    private final Set<String> required = new LinkedHashSet<>();
    private String last;

    ObjectSchema() {}

    /** A text argument. */
    public ObjectSchema string(String name, String description) {
        property(name, "string", description);
        return this;
    }

    /** A whole-number argument. */
    public ObjectSchema integer(String name, String description) {
        property(name, "integer", description);
        return this;
    }

    /** A whole-number argument from {@code minimum} to {@code maximum}, both included. */
    public ObjectSchema integer(String name, String description, int minimum, int maximum) {
        property(name, "integer", description).put("minimum", minimum).put("maximum", maximum);
        return this;
    }

    /** A number argument, fractions allowed. */
    public ObjectSchema number(String name, String description) {
        property(name, "number", description);
        return this;
    }

    /** A true-or-false argument. */
    public ObjectSchema bool(String name, String description) {
        property(name, "boolean", description);
        return this;
    }

    /** A list of texts. */
    public ObjectSchema strings(String name, String description) {
        property(name, "array", description).putObject("items").put("type", "string");
        return this;
    }

    /** One of the texts {@code values}, and nothing else. */
    public ObjectSchema oneOf(String name, String description, String... values) {
        if (values.length == 0) throw new IllegalArgumentException(name + ": give at least one value");
        ArrayNode allowed = property(name, "string", description).putArray("enum");
        for (String value : values) allowed.add(value);
        return this;
    }

    /**
     * An argument of any other shape, as its own schema ({@code {"type": "array", "items": ...}}); the description is
     * added to a copy of it.
     */
    public ObjectSchema property(String name, String description, JsonNode schema) {
        if (!(Objects.requireNonNull(schema, "schema") instanceof ObjectNode object)) {
            throw new IllegalArgumentException(name + ": a property's schema is a JSON object, not " + schema);
        }
        ObjectNode copy = object.deepCopy();
        if (description != null && !description.isBlank()) copy.put("description", description);
        add(name, copy);
        return this;
    }

    /** The property just added may be left out by the model (the method then sees it missing). */
    public ObjectSchema optional() {
        if (last == null) throw new IllegalStateException("optional() follows the property it makes optional");
        required.remove(last);
        return this;
    }

    /**
     * The schema: {@code type}, {@code properties}, {@code required} (all properties not made optional, in the order
     * they were added, possibly none) and {@code additionalProperties: false}.
     */
    public ObjectNode build() {
        ObjectNode schema = Json.object();
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        properties.forEach((name, property) -> props.set(name, property.deepCopy()));
        ArrayNode names = schema.putArray("required");
        required.forEach(names::add);
        schema.put("additionalProperties", false);
        return schema;
    }

    private ObjectNode property(String name, String type, String description) {
        ObjectNode property = Json.object();
        property.put("type", type);
        if (description != null && !description.isBlank()) property.put("description", description);
        add(name, property);
        return property;
    }

    private void add(String name, ObjectNode property) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a property needs a name");
        if (properties.putIfAbsent(name, property) != null) {
            throw new IllegalArgumentException("two properties are named '" + name + "'");
        }
        required.add(name);
        last = name;
    }
}
