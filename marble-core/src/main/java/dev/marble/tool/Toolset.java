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
}
