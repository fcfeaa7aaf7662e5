package dev.marble.cli;

import dev.marble.error.UsageException;
import dev.marble.tool.ToolRegistry;
import java.util.List;
import java.util.Map;

/**
 * llm's {@code -T NAME}: names a tool the run must have. llm-loop's built-in tools go by other names in Marble
 * for two of them; a name neither Marble nor llm-loop knows is a one-line error listing what there is, rather
 * than llm-loop's silent "not yet implemented".
 */
final class ToolNameCheck {

    /** llm-loop's names whose Marble tool is spelled differently. */
    private static final Map<String, String> LLM_LOOP_NAMES =
            Map.of("create_directory", "make_directory", "delete_file_or_directory", "delete_path");

    private ToolNameCheck() {}

    static void requireAll(List<String> names, ToolRegistry registry) {
        for (String name : names) {
            String marbleName = LLM_LOOP_NAMES.getOrDefault(name, name);
            if (registry.find(marbleName).isEmpty()) {
                throw new UsageException("-T " + name + ": marble loop has no tool of that name"
                        + (name.equals("install_python_package") ? " (run_command runs pip install when approved)" : "")
                        + "; the tools are: " + String.join(", ", registry.names()));
            }
        }
    }
}
