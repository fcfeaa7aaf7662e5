package dev.marble.json;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * JSON schemas, Marble's one place for them: written by hand ({@link #object()}), derived from Java types (the
 * arguments of {@code @Tool} methods, {@link #of}), and checked (draft 2020-12, networknt): tool arguments before a
 * tool runs, an answer held to {@code --json-schema}. Schemas are compiled once per process, keyed by content: a
 * process makes many runs, and building the registry and compiling a schema cost more than a loopback model call.
 */
public final class JsonSchemas {

    private static final int MAX_LISTED = 5;
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDialect(Dialects.getDraft202012());
    private static final Map<JsonNode, Optional<Schema>> COMPILED = new ConcurrentHashMap<>();

    private JsonSchemas() {}

    /** A tool's arguments, written by hand: {@code object().string("path", "the file").build()}. */
    public static ObjectSchema object() {
        return new ObjectSchema();
    }

    /** Whether the validator can read {@code schema}; an unreadable one checks nothing. */
    public static boolean readable(JsonNode schema) {
        return compiled(schema).isPresent();
    }

    /** What is wrong with {@code value}, one line (at most five problems named); empty when it fits. */
    public static Optional<String> problems(JsonNode schema, JsonNode value) {
        Optional<Schema> compiled = compiled(schema);
        if (compiled.isEmpty()) return Optional.empty();
        List<Error> errors = compiled.get().validate(value);
        if (errors.isEmpty()) return Optional.empty();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(MAX_LISTED, errors.size()); i++) {
            if (i > 0) out.append("; ");
            out.append(errors.get(i).getInstanceLocation())
                    .append(": ")
                    .append(errors.get(i).getMessage());
        }
        if (errors.size() > MAX_LISTED)
            out.append("; and ").append(errors.size() - MAX_LISTED).append(" more");
        return Optional.of(out.toString());
    }

    private static Optional<Schema> compiled(JsonNode schema) {
        return COMPILED.computeIfAbsent(schema, node -> {
            try {
                Schema compiled = REGISTRY.getSchema(node);
                compiled.initializeValidators();
                return Optional.of(compiled);
            } catch (RuntimeException unreadable) {
                return Optional.empty();
            }
        });
    }
}
