package dev.marble.api;

import dev.marble.Marble;
import dev.marble.chain.ChainFileException;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.LinkSpec;
import dev.marble.tool.ToolRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tools of a link that runs on a Marble provider, from its {@code tools} list: {@code files} and {@code shell}
 * (the built-in toolsets), a {@code .java} or {@code .jar} file (Java tools), {@code mcp:CONFIG} (MCP servers).
 * Without a list a link gets files and shell, as a Claude Code link gets Claude Code's own.
 */
public final class ChainTools {

    private ChainTools() {}

    /** Checks every link's tools list before the first link runs, so a typo does not stop a chain hours in. */
    public static void check(ChainSpec chain) {
        for (LinkSpec link : chain.links()) {
            if (link.tools() == null) continue;
            for (String entry : link.tools()) kind(link, entry);
        }
    }

    private static String kind(LinkSpec link, String entry) {
        if (entry.equals("files") || entry.equals("shell")) return entry;
        if (entry.startsWith("mcp:") && entry.length() > 4) return "mcp";
        if (entry.endsWith(".java") || entry.endsWith(".jar")) return "java";
        throw new ChainFileException(
                link.location().withField(link.field("tools")),
                "'" + entry + "' is not a tool set: expected files, shell, a .java or .jar file, or mcp:CONFIG");
    }

    public static ToolRegistry registry(LinkSpec link, Marble marble, List<String> warnings) {
        List<Path> functions = new ArrayList<>();
        List<Path> mcp = new ArrayList<>();
        List<String> entries = link.tools() == null ? List.of("files", "shell") : link.tools();
        boolean files = false;
        boolean shell = false;
        for (String entry : entries) {
            switch (kind(link, entry)) {
                case "files" -> files = true;
                case "shell" -> shell = true;
                case "mcp" -> mcp.add(Path.of(entry.substring(4)));
                default -> functions.add(Path.of(entry));
            }
        }
        return StandardTools.registry(files, shell, functions, mcp, marble, warnings);
    }
}
