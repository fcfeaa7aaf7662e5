package dev.marble.provider.gemini;

import dev.marble.json.Json;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a tool's JSON Schema into the Gemini API's {@code Schema}: the subset of OpenAPI 3.0 it accepts, which
 * refuses the whole request ("Unknown name ... Cannot find field") for any keyword outside it. Tools come from
 * MCP servers and users, so their schemas use the whole of JSON Schema; what Gemini cannot express is dropped
 * (the model then sees a looser schema, and the tool still validates its own input), never sent.
 *
 * <ul>
 *   <li>Kept: {@code type} (upper case, as the API's enum spells it), {@code format} where the API knows it,
 *       {@code title}, {@code description}, {@code nullable}, {@code enum} (as strings), {@code properties},
 *       {@code required} (only names that are properties), {@code items}, {@code anyOf}, {@code minItems},
 *       {@code maxItems}, {@code minLength}, {@code maxLength}, {@code pattern}, {@code minimum}, {@code maximum},
 *       {@code minProperties}, {@code maxProperties}, {@code default}, {@code example}, {@code propertyOrdering}.
 *   <li>Converted: {@code "type": ["string", "null"]} to a type and {@code nullable}; {@code const} to a one-value
 *       {@code enum}; {@code oneOf} to {@code anyOf}; a local {@code $ref} ({@code #}, {@code #/$defs/..},
 *       {@code #/definitions/..}) to the schema it names, inlined (not past {@link #MAX_DEPTH}).
 *   <li>Dropped: {@code $schema}, {@code $id}, {@code additionalProperties}, {@code allOf}, {@code not},
 *       {@code patternProperties}, {@code examples}, and every other keyword; an object with no properties loses
 *       its type, since the API refuses an {@code OBJECT} without properties.
 * </ul>
 */
final class GeminiSchema {

    static final int MAX_DEPTH = 16;

    private static final Set<String> TYPES = Set.of("string", "number", "integer", "boolean", "array", "object");
    private static final Map<String, Set<String>> FORMATS = Map.of(
            "string", Set.of("enum", "date-time"),
            "number", Set.of("float", "double"),
            "integer", Set.of("int32", "int64"));
    private static final Set<String> COPIED_AS_IS = Set.of(
            "title",
            "description",
            "minItems",
            "maxItems",
            "minLength",
            "maxLength",
            "pattern",
            "minimum",
            "maximum",
            "minProperties",
            "maxProperties",
            "default",
            "example");

    private GeminiSchema() {}

    /**
     * The tool's parameters as Gemini takes them, or null when the tool takes none (an object schema without
     * properties, which the API would refuse as a function's parameters).
     */
    static ObjectNode parameters(JsonNode inputSchema) {
        if (inputSchema == null || !inputSchema.isObject()) return null;
        ObjectNode converted = convert(inputSchema, inputSchema, 0);
        if (!converted.path("properties").isObject()
                || converted.path("properties").isEmpty()) return null;
        return converted;
    }

    static ObjectNode convert(JsonNode schema, JsonNode root, int depth) {
        ObjectNode out = Json.object();
        if (!schema.isObject() || depth > MAX_DEPTH) return out;
        JsonNode resolved = resolve(schema, root, depth);
        if (resolved != schema) return convert(resolved, root, depth + 1);
        String type = type(schema, out);
        for (String key : COPIED_AS_IS) {
            if (schema.has(key) && !schema.get(key).isNull()) out.set(key, schema.get(key));
        }
        String format = Json.text(schema, "format");
        if (type != null
                && format != null
                && FORMATS.getOrDefault(type, Set.of()).contains(format)) {
            out.put("format", format);
        }
        if (schema.path("nullable").isBoolean())
            out.put("nullable", schema.get("nullable").booleanValue());
        enumeration(schema, out);
        if (schema.path("items").isObject()) out.set("items", convert(schema.get("items"), root, depth + 1));
        ArrayNode anyOf = Json.array();
        for (String key : new String[] {"anyOf", "oneOf"}) {
            for (JsonNode option : schema.path(key)) anyOf.add(convert(option, root, depth + 1));
        }
        if (!anyOf.isEmpty()) out.set("anyOf", anyOf);
        properties(schema, root, depth, out);
        if ("object".equals(type) && !out.has("properties")) out.remove("type");
        if (schema.path("propertyOrdering").isArray() && out.has("properties")) {
            out.set("propertyOrdering", schema.get("propertyOrdering"));
        }
        return out;
    }

    /** Sets {@code type} (and {@code nullable} for a {@code [T, "null"]} list); returns it in lower case. */
    private static String type(JsonNode schema, ObjectNode out) {
        JsonNode node = schema.get("type");
        String type = null;
        if (node != null && node.isString()) {
            type = node.stringValue();
        } else if (node != null && node.isArray()) {
            for (JsonNode each : node) {
                if ("null".equals(each.asString())) out.put("nullable", true);
                else if (type == null && each.isString()) type = each.stringValue();
            }
        } else if (schema.has("properties")) {
            type = "object";
        }
        if (type == null || !TYPES.contains(type)) return null;
        out.put("type", type.toUpperCase(Locale.ROOT));
        return type;
    }

    /** Enum values are strings on this API; {@code const} is a one-value enum. */
    private static void enumeration(JsonNode schema, ObjectNode out) {
        ArrayNode values = Json.array();
        for (JsonNode value : schema.path("enum")) {
            if (!value.isNull()) values.add(value.isString() ? value.stringValue() : value.toString());
        }
        JsonNode constant = schema.get("const");
        if (values.isEmpty() && constant != null && !constant.isNull()) {
            values.add(constant.isString() ? constant.stringValue() : constant.toString());
        }
        if (values.isEmpty()) return;
        out.set("enum", values);
        if ("STRING".equals(Json.text(out, "type"))) out.put("format", "enum");
    }

    private static void properties(JsonNode schema, JsonNode root, int depth, ObjectNode out) {
        JsonNode properties = schema.get("properties");
        if (properties == null || !properties.isObject() || properties.isEmpty()) return;
        ObjectNode converted = out.putObject("properties");
        properties.forEachEntry((name, property) -> converted.set(name, convert(property, root, depth + 1)));
        ArrayNode required = Json.array();
        for (JsonNode name : schema.path("required")) {
            if (name.isString() && converted.has(name.stringValue())) required.add(name.stringValue());
        }
        if (!required.isEmpty()) out.set("required", required);
    }

    /** The schema a local {@code $ref} names, or {@code schema} itself. */
    private static JsonNode resolve(JsonNode schema, JsonNode root, int depth) {
        String ref = Json.text(schema, "$ref");
        if (ref == null || !ref.startsWith("#") || depth >= MAX_DEPTH) return schema;
        JsonNode target = ref.equals("#") ? root : root.at(ref.substring(1));
        return target.isObject() ? target : schema;
    }
}
