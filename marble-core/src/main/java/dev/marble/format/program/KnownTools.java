package dev.marble.format.program;

import dev.marble.config.ShapeValidator;
import dev.marble.tool.Tool;
import dev.marble.tool.Toolset;
import dev.marble.tool.builtin.BuiltinToolsets;
import dev.marble.tool.builtin.LlmProcTools;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names {@code [tools] builtin} (or {@code enabled}) may hold: Marble's built-in toolsets and tools,
 * LLMProc's system calls and its v0.9 built-in tools. Other names are warnings, not errors, so that files
 * written for LLMProc tools Marble does not have (read_fd, fd_to_file, write_stderr) still load.
 */
final class KnownTools {

    static final Set<String> NAMES = names();

    private KnownTools() {}

    static boolean isKnown(String name) {
        return NAMES.contains(name);
    }

    /** The warning for a name that is not known, with a suggestion when one is close. */
    static String unknown(String name) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : NAMES) {
            int d = ShapeValidator.editDistance(name.toLowerCase(Locale.ROOT), candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return "unknown tool \"" + name + "\", ignored" + (best == null ? "" : " (did you mean \"" + best + "\"?)");
    }

    private static Set<String> names() {
        Set<String> names = new TreeSet<>(Set.of("spawn", "fork"));
        names.addAll(LlmProcTools.NAMES);
        for (Toolset toolset : BuiltinToolsets.all()) {
            names.add(toolset.name());
            for (Tool tool : toolset.tools()) names.add(tool.spec().name());
        }
        return Set.copyOf(names);
    }
}
