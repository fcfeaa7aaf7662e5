package dev.marble.model;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** What a model is told about a tool: its name, what it does, and a JSON schema of its input. */
public record ToolSpec(String name, String description, JsonNode inputSchema) {
    public ToolSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inputSchema, "inputSchema");
        description = description == null ? "" : description;
    }
}
