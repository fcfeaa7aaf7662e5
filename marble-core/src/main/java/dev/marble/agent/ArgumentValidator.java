package dev.marble.agent;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.marble.model.ToolSpec;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a tool call's arguments against the tool's JSON schema before the tool runs, so a tool
 * never sees input of the wrong shape and the model learns exactly what was wrong. Schemas are
 * compiled once per tool. A schema the validator cannot read (some MCP servers send odd ones)
 * disables checking for that tool rather than failing every call.
 */
final class ArgumentValidator {

    private static final int MAX_LISTED = 5;

    /**
     * Shared by every run, keyed by the schema itself: a run is short and a process makes many (a chain, a load of
     * agents), and building the registry and compiling a schema cost more than a loopback model call. Keyed by
     * content, not tool name, since two runs may have different tools of one name.
     */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDialect(Dialects.getDraft202012());
    private static final Map<JsonNode, Optional<Schema>> SCHEMAS = new ConcurrentHashMap<>();

    /** What is wrong with {@code arguments}, one line; empty when they fit. */
    Optional<String> problems(ToolSpec spec, JsonNode arguments) {
        Optional<Schema> schema = SCHEMAS.computeIfAbsent(spec.inputSchema(), node -> compile(spec));
        if (schema.isEmpty()) return Optional.empty();
        List<Error> errors = schema.get().validate(arguments);
        if (errors.isEmpty()) return Optional.empty();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(MAX_LISTED, errors.size()); i++) {
            if (i > 0) out.append("; ");
            out.append(errors.get(i).getInstanceLocation()).append(": ").append(errors.get(i).getMessage());
        }
        if (errors.size() > MAX_LISTED) out.append("; and ").append(errors.size() - MAX_LISTED).append(" more");
        return Optional.of(out.toString());
    }

    private Optional<Schema> compile(ToolSpec spec) {
        try {
            Schema schema = REGISTRY.getSchema(spec.inputSchema());
            schema.initializeValidators();
            return Optional.of(schema);
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
