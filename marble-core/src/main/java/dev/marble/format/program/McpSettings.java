package dev.marble.format.program;

import dev.marble.config.LocatedDocument;
import dev.marble.error.SourceLocation;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A program's MCP servers and tool selections, kept as data: the servers start when a run assembles its
 * tools, not when a file is read. Seed-era programs name a servers file ({@code [mcp] config_path}) and select
 * in {@code [mcp.tools]}; v0.9 programs may also embed servers ({@code [mcp.servers]}) and select in
 * {@code [tools.mcp]}.
 *
 * @param configPath    the {@code mcpServers} JSON file, resolved against the program's directory; null when none
 * @param inlineServers the embedded servers as an {@code mcpServers} document (lines of the program file); null
 *                      when none
 * @param tools         per server, which tools to import, in file order
 * @param locations     per server, where its selection stands, for errors about its tools
 */
public record McpSettings(
        Path configPath,
        LocatedDocument inlineServers,
        Map<String, ToolSelection> tools,
        Map<String, SourceLocation> locations) {

    public McpSettings {
        tools = Collections.unmodifiableMap(new LinkedHashMap<>(tools));
        locations = Collections.unmodifiableMap(new LinkedHashMap<>(locations));
    }

    public McpSettings(Path configPath, Map<String, ToolSelection> tools) {
        this(configPath, null, tools, Map.of());
    }

    /** Where the selection of {@code server}'s tools stands in the program file. */
    public SourceLocation locationOf(String server, Path programFile) {
        return locations.getOrDefault(server, SourceLocation.of(programFile));
    }
}
