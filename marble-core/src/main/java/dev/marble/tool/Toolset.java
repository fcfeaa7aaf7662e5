package dev.marble.tool;

import java.util.List;

/**
 * Tools that come together and are set up together: the built-in files or shell tools, the
 * {@code @Tool} methods of one Java class, one MCP server. A toolset that needs starting (an MCP
 * server) starts when its tools are first asked for, and stops when the run closes it.
 */
public interface Toolset extends AutoCloseable {

    /** Where the tools come from, for people: "files", "shell", "Tools.java", "mcp server 'everything'". */
    String name();

    List<Tool> tools();

    @Override
    default void close() {}

    /** Tools that need no setup, under one name. */
    static Toolset of(String name, List<Tool> tools) {
        return new Listed(name, List.copyOf(tools));
    }

    /** What {@link #of} makes. */
    record Listed(String name, List<Tool> tools) implements Toolset {}
}
