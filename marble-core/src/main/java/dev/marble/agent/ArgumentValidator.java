package dev.marble.agent;

import dev.marble.json.JsonSchemas;
import dev.marble.model.ToolSpec;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Checks a tool call's arguments against the tool's JSON schema before the tool runs, so a tool
 * never sees input of the wrong shape and the model learns exactly what was wrong. A schema the
 * validator cannot read (some MCP servers send odd ones) disables checking for that tool rather
 * than failing every call.
 */
final class ArgumentValidator {

    /** What is wrong with {@code arguments}, one line; empty when they fit. */
    Optional<String> problems(ToolSpec spec, JsonNode arguments) {
        return JsonSchemas.problems(spec.inputSchema(), arguments);
    }
}
