package dev.marble.tool.builtin;

import dev.marble.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the JSON schema of a tool's arguments: an object of named properties, each with a
 * description for the model. Unknown properties are refused, so that a misspelled optional
 * argument ({@code ignoreCase}) comes back as an error instead of being silently ignored.
 */
final class Schema {

    private final ObjectNode properties = Json.object();
    private final ArrayNode required = Json.array();

    static Schema object() {
        return new Schema();
    }

    Schema requiredString(String name, String description) {
        required.add(name);
        return string(name, description);
    }

    Schema string(String name, String description) {
        property(name, "string", description);
        return this;
    }

    Schema integer(String name, String description, int minimum, int maximum) {
        property(name, "integer", description).put("minimum", minimum).put("maximum", maximum);
        return this;
    }

    Schema bool(String name, String description) {
        property(name, "boolean", description);
        return this;
    }

    JsonNode build() {
        ObjectNode schema = Json.object();
        schema.put("type", "object");
        schema.set("properties", properties);
        schema.set("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    private ObjectNode property(String name, String type, String description) {
        ObjectNode property = properties.putObject(name);
        property.put("type", type);
        property.put("description", description);
        return property;
    }
}
