package dev.marble.tool;

import dev.marble.error.UsageException;
import dev.marble.model.ToolSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools one run has, by name, from all its toolsets. Two tools of one name are an error that
 * names both sources, never a silent override (llm-loop let a user's {@code read_file} clash with
 * its own). Closing the registry closes every toolset.
 */
public final class ToolRegistry implements AutoCloseable {

    private final List<Toolset> toolsets;
    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private final Map<String, Toolset> sources = new LinkedHashMap<>();

    private ToolRegistry(List<Toolset> toolsets) {
        this.toolsets = List.copyOf(toolsets);
    }

    /** Asks every toolset for its tools (starting those that need it) and checks the names. */
    public static ToolRegistry of(List<Toolset> toolsets) {
        ToolRegistry registry = new ToolRegistry(toolsets);
        try {
            for (Toolset toolset : toolsets) {
                for (Tool tool : toolset.tools()) registry.add(toolset, tool);
            }
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    public static ToolRegistry empty() {
        return new ToolRegistry(List.of());
    }

    private void add(Toolset toolset, Tool tool) {
        String name = tool.name();
        Toolset earlier = sources.get(name);
        if (earlier != null) {
            throw new UsageException("two tools are named '" + name + "': one from " + earlier.name() + ", one from "
                    + toolset.name() + "; rename one of them");
        }
        tools.put(name, tool);
        sources.put(name, toolset);
    }

    public Optional<Tool> find(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /** Where a tool comes from, for listings and errors. */
    public String sourceOf(String name) {
        Toolset toolset = sources.get(name);
        return toolset == null ? "unknown" : toolset.name();
    }

    public List<Tool> tools() {
        return List.copyOf(tools.values());
    }

    public List<ToolSpec> specs() {
        List<ToolSpec> specs = new ArrayList<>(tools.size());
        for (Tool tool : tools.values()) specs.add(tool.spec());
        return specs;
    }

    public List<String> names() {
        return List.copyOf(tools.keySet());
    }

    /** Whether a tool takes message positions, so the model must be shown them. */
    public boolean needsMessageIds() {
        return tools.values().stream().anyMatch(Tool::needsMessageIds);
    }

    public boolean isEmpty() {
        return tools.isEmpty();
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (Toolset toolset : toolsets.reversed()) {
            try {
                toolset.close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }
}
