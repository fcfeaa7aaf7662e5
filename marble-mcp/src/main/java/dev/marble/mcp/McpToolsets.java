package dev.marble.mcp;

import dev.marble.config.ConfigWarning;
import dev.marble.config.Environment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The toolsets of an {@code mcpServers} file, one per server, none started yet, and what the file
 * had that Marble ignores. Closing closes every toolset that was started.
 */
public record McpToolsets(List<McpToolset> toolsets, List<ConfigWarning> warnings) implements AutoCloseable {

    public McpToolsets {
        toolsets = List.copyOf(toolsets);
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads {@code config} (see {@link McpServersConfig}); a malformed file is a ConfigException at its line.
     * {@code ${VAR}} in the file is read from {@code environment}, where every variable is; stdio servers start
     * in {@code serverEnvironment} plus their own {@code env} block, so a server gets a key only where the file
     * hands it one.
     */
    public static McpToolsets load(Path config, Environment environment, Environment serverEnvironment) {
        return of(McpServersConfig.read(config, environment), serverEnvironment);
    }

    public static McpToolsets of(McpServersConfig config, Environment environment) {
        List<McpToolset> toolsets = new ArrayList<>();
        for (McpServerConfig server : config.servers()) toolsets.add(new McpToolset(server, environment));
        return new McpToolsets(toolsets, config.warnings());
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (McpToolset toolset : toolsets.reversed()) {
            try {
                toolset.close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }
}
