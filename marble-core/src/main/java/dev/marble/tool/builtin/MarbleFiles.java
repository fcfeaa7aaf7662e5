package dev.marble.tool.builtin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The files that configure Marble, told apart by where they lie: an agent that could change one of
 * them could give itself tools, rules, prompts or secrets for its next run. Names are compared
 * without regard to case, because on a case-insensitive file system (macOS by default)
 * {@code MARBLE.JSON} is {@code marble.json}.
 *
 * <p>Anywhere in the workspace: {@code marble.json}, {@code marble/config.json} (the global file,
 * when the workspace holds it), {@code .marble/} and {@code .claude/} with everything in them,
 * {@code .env*}, {@code *.worker}, {@code *.toml}, JSON files whose name contains {@code mcp}, and
 * {@code chains/*.json}. In a chain's home (a folder with a {@code chains/} folder): llmauto's
 * {@code config.json}, everything under {@code prompts/}, and the bookkeeping Marble keeps of a chain in {@code state/<chain>/}.
 */
final class MarbleFiles {

    /**
     * What Marble alone writes in {@code state/<chain>/}: links write the handoff and status, not these. On Temporal,
     * {@code temporal_link.json} says which link a worker took and whether its update went out: an agent that rewrote
     * it could keep a repeated link's update from being sent.
     */
    private static final Set<String> CHAIN_BOOKKEEPING =
            Set.of("progress.json", "config_fingerprint.json", "lock", "temporal_link.json");

    private MarbleFiles() {}

    /**
     * What {@code real} is to Marble when it configures it ("Marble's project configuration"), else empty.
     *
     * @param realRoot the workspace's real location; folders above it play no part
     * @param real     a real location (through links), inside the workspace or not
     */
    static Optional<String> role(Path realRoot, Path real) {
        Path base = real.startsWith(realRoot) ? realRoot : real.getRoot();
        Path relative = base.relativize(real);
        List<String> names = names(relative);
        if (names.isEmpty()) return Optional.empty();
        int last = names.size() - 1;
        String name = names.get(last);
        String parent = last > 0 ? names.get(last - 1) : "";
        for (int i = 0; i < names.size(); i++) {
            String folder = names.get(i);
            if (folder.equals(".marble")) return Optional.of("in Marble's own folder .marble/ (journal, settings)");
            if (folder.equals(".claude")) {
                return Optional.of("in .claude/, the settings of Claude Code, which Marble's claude-code links obey");
            }
            if (i < last && folder.equals("prompts") && chainHome(base, relative, i)) {
                return Optional.of("a chain's prompt (prompts/ beside chains/)");
            }
            if (i == last - 2
                    && folder.equals("state")
                    && CHAIN_BOOKKEEPING.contains(name)
                    && chainHome(base, relative, i)) {
                return Optional.of("Marble's bookkeeping of a chain (state/<chain>/" + name + ")");
            }
        }
        if (name.equals("marble.json")) return Optional.of("Marble's project configuration (marble.json)");
        if (name.equals("config.json") && parent.equals("marble")) return Optional.of("Marble's global configuration");
        if (name.equals("config.json") && chainHome(base, relative, last)) {
            return Optional.of("llmauto's configuration (config.json beside chains/), which Marble reads");
        }
        if (name.startsWith(".env")) return Optional.of("an environment file (.env*), which sets variables and keys");
        if (name.endsWith(".worker")) return Optional.of("an agent file (*.worker)");
        if (name.endsWith(".toml")) return Optional.of("a program or configuration file (*.toml)");
        if (name.endsWith(".json") && name.contains("mcp"))
            return Optional.of("an MCP server configuration (*mcp*.json)");
        if (name.endsWith(".json") && parent.equals("chains")) return Optional.of("a chain file (chains/*.json)");
        return Optional.empty();
    }

    /** Whether the folder holding the {@code index}th name of {@code relative} is a chain's home: it has a {@code
     * chains/} folder. */
    private static boolean chainHome(Path base, Path relative, int index) {
        Path folder = index == 0 ? base : base.resolve(relative.subpath(0, index));
        return Files.isDirectory(folder.resolve("chains"));
    }

    private static List<String> names(Path relative) {
        List<String> names = new ArrayList<>();
        for (Path part : relative) {
            String name = part.toString();
            if (!name.isEmpty()) names.add(name.toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
