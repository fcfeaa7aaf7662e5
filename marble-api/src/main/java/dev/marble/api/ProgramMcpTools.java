package dev.marble.api;

import dev.marble.Marble;
import dev.marble.config.ConfigWarning;
import dev.marble.error.ConfigException;
import dev.marble.error.SourceLocation;
import dev.marble.format.program.McpSettings;
import dev.marble.format.program.Program;
import dev.marble.format.program.ToolConfig;
import dev.marble.format.program.ToolSelection;
import dev.marble.mcp.McpServerConfig;
import dev.marble.mcp.McpServersConfig;
import dev.marble.mcp.McpToolset;
import dev.marble.mcp.McpToolsets;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolAlias;
import dev.marble.tool.Toolset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A program's MCP tools: the servers of its servers file and of {@code [mcp.servers]}, only those it selects tools
 * of, each narrowed to the tools selected ({@code "all"} or a list matched as LLMProc matched it, see
 * {@link ToolSelection.Named#resolve}) and shown under the aliases and descriptions the program gives. Selecting a
 * server that is not defined, or a tool the server does not have, is an error at start naming what there is.
 */
final class ProgramMcpTools {

    private ProgramMcpTools() {}

    static List<Toolset> load(Program program, Marble marble, List<String> notes) {
        McpSettings settings = program.mcp();
        List<ConfigWarning> warnings = new ArrayList<>();
        Map<String, McpServerConfig> servers = new LinkedHashMap<>();
        if (settings.configPath() != null) {
            McpServersConfig file = McpServersConfig.read(settings.configPath(), marble.environment());
            warnings.addAll(file.warnings());
            file.servers().forEach(server -> servers.put(server.name(), server));
        }
        if (settings.inlineServers() != null) {
            McpServersConfig inline = McpServersConfig.parse(settings.inlineServers(), marble.environment());
            warnings.addAll(inline.warnings());
            for (McpServerConfig server : inline.servers()) {
                if (servers.putIfAbsent(server.name(), server) != null) {
                    throw new ConfigException(
                            server.location(),
                            "MCP server '" + server.name() + "' is defined in " + settings.configPath()
                                    + " and in [mcp.servers]; define it once");
                }
            }
        }
        warnings.forEach(w -> notes.add("warning: " + w));
        List<McpServerConfig> selected = new ArrayList<>();
        settings.tools().forEach((server, selection) -> {
            McpServerConfig config = servers.get(server);
            if (config == null) {
                throw new ConfigException(
                        settings.locationOf(server, program.file()),
                        "no MCP server '" + server + "' is defined; servers: "
                                + (servers.isEmpty() ? "none" : String.join(", ", servers.keySet())));
            }
            selected.add(config);
        });
        McpToolsets started = McpToolsets.of(
                new McpServersConfig(settings.configPath(), selected, List.of()), marble.toolEnvironment());
        List<Toolset> toolsets = new ArrayList<>();
        for (McpToolset server : started.toolsets()) {
            String name = server.config().name();
            toolsets.add(new SelectedTools(
                    server, settings.tools().get(name), name, settings.locationOf(name, program.file())));
        }
        return toolsets;
    }

    /** {@code tool} as {@code config} shows it: under its alias, with its description; itself when neither. */
    static Tool configured(Tool tool, ToolConfig config) {
        return configured(tool, config, config.exposedName());
    }

    private static Tool configured(Tool tool, ToolConfig config, String name) {
        if (!config.changesSpec() && name.equals(tool.name())) return tool;
        return ToolAlias.configured(tool, name, config.description(), config.paramDescriptions());
    }

    /** An MCP server's toolset narrowed to the tools a program selected; resolved once, when the server starts. */
    private static final class SelectedTools implements Toolset {
        private final McpToolset server;
        private final ToolSelection selection;
        private final String serverName;
        private final SourceLocation location;
        private List<Tool> tools;

        SelectedTools(McpToolset server, ToolSelection selection, String serverName, SourceLocation location) {
            this.server = server;
            this.selection = selection;
            this.serverName = serverName;
            this.location = location;
        }

        @Override
        public String name() {
            return server.name();
        }

        @Override
        public synchronized List<Tool> tools() {
            if (tools == null) tools = select();
            return tools;
        }

        private List<Tool> select() {
            List<Tool> all = server.tools();
            if (!(selection instanceof ToolSelection.Named named)) return all;
            Map<String, String> own = server.serverToolNames();
            Map<String, ToolConfig> wanted = named.resolve(serverName, List.copyOf(own.values()), location);
            List<Tool> chosen = new ArrayList<>();
            for (Tool tool : all) {
                ToolConfig config = wanted.get(own.get(tool.name()));
                if (config == null) continue;
                // A tool keeps its namespaced name (server__tool) unless the program gives it an alias.
                chosen.add(configured(tool, config, config.alias() == null ? tool.name() : config.alias()));
            }
            return List.copyOf(chosen);
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
