package dev.marble.format.program;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A program's {@code [mcp]} section, kept as data: the servers start when a run assembles its
 * tools, not when a file is read.
 *
 * @param configPath the {@code mcpServers} JSON file, resolved against the program's directory
 * @param tools      per server, which tools to import, in file order
 */
public record McpSettings(Path configPath, Map<String, ToolSelection> tools) {
    public McpSettings {
        tools = Collections.unmodifiableMap(new LinkedHashMap<>(tools));
    }
}
