package dev.marble.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags that decide which tools a run has; shared by {@code marble loop} and {@code marble tools}. */
final class ToolFlags {

    @Option(
            names = "--functions",
            paramLabel = "FILE",
            description = "Tools from a file: a .java file (compiled now) or a .jar, whose public @Tool methods "
                    + "become tools, or a .py file (llm-loop's), whose public functions do (repeatable).")
    List<Path> functions = List.of();

    @Option(
            names = "--mcp",
            paramLabel = "CONFIG",
            description = "MCP servers to use as tools (mcpServers JSON; repeatable).")
    List<Path> mcp = List.of();

    @Option(
            names = {"-C", "--workspace"},
            paramLabel = "DIR",
            description = "The folder file and shell tools work in and may not leave (default: the working directory).")
    Path workspace;

    @Option(names = "--no-builtins", description = "Leave out the built-in file and shell tools.")
    boolean noBuiltins;
}
