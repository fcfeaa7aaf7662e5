package dev.marble.format.program;

import dev.marble.config.ShapeValidator;
import dev.marble.tool.Tool;
import dev.marble.tool.Toolset;
import dev.marble.tool.builtin.BuiltinToolsets;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names {@code [tools] enabled} may hold: Marble's built-in toolsets and tools, and LLMProc's
 * system calls. Other names are warnings, not errors, so that files written for later LLMProc
 * versions (calculator, goto, …) still load.
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
        for (Toolset toolset : BuiltinToolsets.all()) {
            names.add(toolset.name());
            for (Tool tool : toolset.tools()) names.add(tool.spec().name());
        }
        return Set.copyOf(names);
    }
}
