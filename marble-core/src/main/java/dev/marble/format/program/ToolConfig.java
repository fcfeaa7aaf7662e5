package dev.marble.format.program;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One tool a program turns on, as LLMProc v0.9 wrote it: a bare name ({@code "calculator"}) or a table
 * ({@code {name = "read_file", alias = "read", description = "..."}}). The model sees the tool under
 * {@link #exposedName()} with the description given here, when one is.
 *
 * @param name              the tool's own name (a built-in, or an MCP server's tool)
 * @param alias             the name the model calls it by; null for its own
 * @param description       replaces the tool's description; null to keep it
 * @param access            LLMProc's access level, kept as written; Marble's approval rules decide instead
 * @param paramDescriptions replacement descriptions of the tool's parameters, by parameter name
 */
public record ToolConfig(
        String name, String alias, String description, Access access, Map<String, String> paramDescriptions) {

    /** LLMProc's access levels: READ below WRITE below ADMIN. */
    public enum Access {
        READ,
        WRITE,
        ADMIN
    }

    public ToolConfig {
        Objects.requireNonNull(name, "name");
        paramDescriptions = Collections.unmodifiableMap(new LinkedHashMap<>(paramDescriptions));
    }

    /** A tool under its own name and description. */
    public static ToolConfig named(String name) {
        return new ToolConfig(name, null, null, null, Map.of());
    }

    /** The name the model calls the tool by. */
    public String exposedName() {
        return alias == null ? name : alias;
    }

    /** Whether the model sees anything other than the tool's own name, description and parameter texts. */
    public boolean changesSpec() {
        return alias != null || description != null || !paramDescriptions.isEmpty();
    }
}
