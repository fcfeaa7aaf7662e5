package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.config.ConfigWarning;
import dev.marble.error.UsageException;
import dev.marble.mcp.McpToolsets;
import dev.marble.program.LoadedProgram;
import dev.marble.program.McpSettings;
import dev.marble.program.Program;
import dev.marble.program.ProgramLoader;
import dev.marble.program.ToolSelection;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.Toolset;
import dev.marble.tool.builtin.BuiltinToolsets;
import dev.marble.tool.java.JavaTools;
import dev.marble.worker.SetOverrides;
import dev.marble.worker.ToolsetRef;
import dev.marble.worker.WorkerDefinition;
import dev.marble.worker.WorkerFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agents of one {@code marble run}: every {@code .worker} and {@code .toml} file given, by name, and the Java
 * toolsets of the {@code .java} and {@code .jar} files, in one space of names (llm-do's "function space"), so that
 * an agent's toolsets can name any of them. Two agents of one name are an error naming both files.
 */
final class AgentSpace {

    /** An agent the space can run: a worker or a program. */
    sealed interface Agent permits WorkerAgent, ProgramAgent {
        String name();

        Path file();
    }

    record WorkerAgent(WorkerDefinition worker) implements Agent {
        public String name() { return worker.name(); }

        public Path file() { return worker.file(); }
    }

    record ProgramAgent(Program program) implements Agent {
        public String name() { return program.name(); }

        public Path file() { return program.file(); }
    }

    private final Map<String, Agent> agents;
    private final Map<String, List<Toolset>> javaToolsets;
    private final List<ConfigWarning> warnings;

    private AgentSpace(Map<String, Agent> agents, Map<String, List<Toolset>> javaToolsets, List<ConfigWarning> warnings) {
        this.agents = agents;
        this.javaToolsets = javaToolsets;
        this.warnings = warnings;
    }

    /** Loads the files; {@code overrides} ({@code --set}) apply to the worker named {@code entry} only, as in llm-do. */
    static AgentSpace load(List<Path> files, String entry, SetOverrides overrides, Marble marble) {
        Map<String, Agent> agents = new LinkedHashMap<>();
        Map<String, List<Toolset>> java = new LinkedHashMap<>();
        List<ConfigWarning> warnings = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".worker")) {
                WorkerDefinition worker = WorkerFile.load(file);
                if (worker.name().equals(entry) && !overrides.isEmpty()) worker = WorkerFile.load(file, overrides);
                warnings.addAll(worker.warnings());
                add(agents, new WorkerAgent(worker));
            } else if (name.endsWith(".toml")) {
                LoadedProgram loaded = ProgramLoader.load(file);
                warnings.addAll(loaded.warnings());
                add(agents, new ProgramAgent(loaded.program()));
            } else {
                List<Toolset> toolsets = JavaTools.load(file, marble.stateDirectory().resolve("cache/functions"));
                for (Toolset toolset : toolsets) java.put(toolset.name(), List.of(toolset));
                java.put(stem(name), toolsets);
            }
        }
        return new AgentSpace(agents, java, warnings);
    }

    private static void add(Map<String, Agent> agents, Agent agent) {
        Agent before = agents.putIfAbsent(agent.name(), agent);
        if (before != null) {
            throw new UsageException("two agents are named '" + agent.name() + "': " + before.file() + " and " + agent.file());
        }
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }

    List<ConfigWarning> warnings() {
        return warnings;
    }

    List<String> names() {
        return List.copyOf(agents.keySet());
    }

    Agent agent(String name) {
        return agents.get(name);
    }

    /**
     * The tools of {@code agent}: its toolsets as its file names them. A worker's {@code shell} and
     * {@code filesystem} are Marble's built-ins; another name is a Java toolset of this run (by class or file
     * name). A program's {@code [tools] enabled} names built-in toolsets or tools, and its MCP servers come from
     * its {@code [mcp]} section.
     */
    ToolRegistry tools(Agent agent, Marble marble, List<String> notes) {
        List<Toolset> toolsets = new ArrayList<>();
        switch (agent) {
            case WorkerAgent w -> {
                for (ToolsetRef ref : w.worker().toolsets()) {
                    switch (ref) {
                        case ToolsetRef.Shell shell -> toolsets.add(BuiltinToolsets.shell());
                        case ToolsetRef.Filesystem files -> toolsets.add(BuiltinToolsets.files());
                        case ToolsetRef.Named named -> toolsets.addAll(named(named, w.worker()));
                    }
                }
            }
            case ProgramAgent p -> {
                toolsets.addAll(builtins(p.program(), notes));
                if (p.program().mcp() != null) toolsets.addAll(mcp(p.program().mcp(), marble, notes));
            }
        }
        return ToolRegistry.of(toolsets);
    }

    private List<Toolset> named(ToolsetRef.Named named, WorkerDefinition worker) {
        List<Toolset> toolsets = javaToolsets.get(named.name());
        if (toolsets != null) return toolsets;
        if (agents.containsKey(named.name())) {
            throw new UsageException(named.where() + ": toolsets: '" + named.name() + "' is a worker; workers calling"
                    + " workers is not built yet (issue 5, delegation)");
        }
        List<String> available = new ArrayList<>(javaToolsets.keySet());
        available.addAll(List.of("shell", "filesystem"));
        throw new UsageException(named.where() + ": toolsets: no toolset '" + named.name() + "' in this run; available: "
                + String.join(", ", available) + " (" + worker.file().getFileName() + ")");
    }

    private static List<Toolset> builtins(Program program, List<String> notes) {
        List<Toolset> toolsets = new ArrayList<>();
        List<Tool> single = new ArrayList<>();
        Map<String, Tool> byName = new LinkedHashMap<>();
        for (Toolset set : BuiltinToolsets.all()) for (Tool tool : set.tools()) byName.put(tool.name(), tool);
        for (String name : program.enabledTools()) {
            switch (name) {
                case "files" -> toolsets.add(BuiltinToolsets.files());
                case "shell" -> toolsets.add(BuiltinToolsets.shell());
                case "spawn", "fork" -> notes.add(program.file().getFileName() + ": [tools] " + name
                        + " is not built yet (issue 5, delegation); the program runs without it");
                default -> {
                    Tool tool = byName.get(name);
                    if (tool != null) single.add(tool);
                    else notes.add(program.file().getFileName() + ": [tools] no built-in tool '" + name + "'; left out");
                }
            }
        }
        if (!single.isEmpty()) toolsets.add(new Toolset() {
            @Override
            public String name() {
                return "built-in tools of " + program.file().getFileName();
            }

            @Override
            public List<Tool> tools() {
                return single;
            }
        });
        return toolsets;
    }

    /** The program's MCP servers, with only the tools {@code [mcp.tools]} selects from each. */
    private static List<Toolset> mcp(McpSettings settings, Marble marble, List<String> notes) {
        McpToolsets loaded = McpToolsets.load(settings.configPath(), marble.environment());
        loaded.warnings().forEach(w -> notes.add("warning: " + w));
        List<Toolset> selected = new ArrayList<>();
        for (Toolset server : loaded.toolsets()) {
            ToolSelection selection = settings.tools().get(serverName(server));
            if (selection == null) {
                server.close();
                continue;
            }
            selected.add(new SelectedTools(server, selection));
        }
        return selected;
    }

    private static String serverName(Toolset server) {
        String name = server.name();
        int quote = name.indexOf('\'');
        return quote >= 0 && name.lastIndexOf('\'') > quote ? name.substring(quote + 1, name.lastIndexOf('\'')) : name;
    }

    /** An MCP server's toolset narrowed to the tools a program selected ({@code "all"} or a list). */
    private record SelectedTools(Toolset server, ToolSelection selection) implements Toolset {
        @Override
        public String name() {
            return server.name();
        }

        @Override
        public List<Tool> tools() {
            return switch (selection) {
                case ToolSelection.All all -> server.tools();
                case ToolSelection.Named named -> server.tools().stream()
                        .filter(tool -> named.names().contains(tool.name().substring(tool.name().indexOf("__") + 2)))
                        .toList();
            };
        }

        @Override
        public void close() {
            server.close();
        }
    }
}
