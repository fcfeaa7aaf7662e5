package dev.marble.api;

import dev.marble.json.JsonSchemas;
import dev.marble.json.ObjectSchema;
import dev.marble.tool.java.TypeSchemas;
import java.lang.reflect.Type;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON schemas of a tool's arguments, for {@link Tools#of}: written by hand, or derived from a Java type as for a
 * {@link Tool} method's parameters.
 * <pre>{@code
 * JsonSchema.object().string("path", "the file").integer("limit", "how many lines").optional().build()
 * }</pre>
 */
public final class JsonSchema {

    private JsonSchema() {}

    /** An object of named properties, each required unless {@code optional()} follows it. */
    public static ObjectSchema object() {
        return JsonSchemas.object();
    }

    /** The schema of {@code type}'s values (a record's components, a class's settable properties). */
    public static ObjectNode of(Type type) {
        return TypeSchemas.of(type);
    }
}
