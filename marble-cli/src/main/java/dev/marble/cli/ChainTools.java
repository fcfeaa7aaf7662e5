package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.chain.LinkSpec;
import dev.marble.error.UsageException;
import dev.marble.tool.ToolRegistry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tools of a link that runs on a Marble provider, from its {@code tools} list: {@code files} and {@code shell}
 * (the built-in toolsets), a {@code .java} or {@code .jar} file (Java tools), {@code mcp:CONFIG} (MCP servers).
 * Without a list a link gets files and shell, as a Claude Code link gets Claude Code's own.
 */
final class ChainTools {

    private ChainTools() {}

    static ToolRegistry registry(LinkSpec link, Marble marble, List<String> warnings) {
        List<Path> functions = new ArrayList<>();
        List<Path> mcp = new ArrayList<>();
        List<String> entries = link.tools() == null ? List.of("files", "shell") : link.tools();
        boolean files = false;
        boolean shell = false;
        for (String entry : entries) {
            if (entry.equals("files")) files = true;
            else if (entry.equals("shell")) shell = true;
            else if (entry.startsWith("mcp:")) mcp.add(Path.of(entry.substring(4)));
            else if (entry.endsWith(".java") || entry.endsWith(".jar")) functions.add(Path.of(entry));
            else throw new UsageException(link.location() + ": link '" + link.name() + "' tools: '" + entry
                    + "' is not a tool set: expected files, shell, a .java or .jar file, or mcp:CONFIG");
        }
        return ToolAssembly.registry(files, shell, functions, mcp, marble, warnings);
    }
}
