package dev.marble.format.program;

import dev.marble.error.ConfigException;
import dev.marble.error.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Which tools of one MCP server a program imports: {@code "all"} or the tools listed. */
public sealed interface ToolSelection {

    record All() implements ToolSelection {}

    /** Tools as the program wrote them, names as written; {@link #resolve} matches them leniently, as LLMProc did. */
    record Named(List<ToolConfig> tools) implements ToolSelection {
        public Named {
            tools = List.copyOf(tools);
        }

        public static Named of(String... names) {
            return new Named(List.of(names).stream().map(ToolConfig::named).toList());
        }

        public List<String> names() {
            return tools.stream().map(ToolConfig::name).toList();
        }

        /**
         * Each listed tool against the server's own tool names: exact first, else ignoring case and the difference
         * between {@code _} and {@code -} (LLMProc's users wrote {@code read_file} for {@code read-file} and the
         * like). A name that matches none, or several, is an error at {@code at} naming the server's tools: LLMProc
         * dropped it silently and the agent ran without the tool.
         *
         * @return the server's name of each listed tool, with its configuration, in the order listed
         */
        public Map<String, ToolConfig> resolve(String server, List<String> available, SourceLocation at) {
            Map<String, ToolConfig> resolved = new LinkedHashMap<>();
            for (ToolConfig tool : tools) {
                resolved.put(match(server, tool.name(), available, at), tool);
            }
            return resolved;
        }

        private static String match(String server, String wanted, List<String> available, SourceLocation at) {
            if (available.contains(wanted)) return wanted;
            List<String> close = new ArrayList<>();
            for (String name : available) if (normal(name).equals(normal(wanted))) close.add(name);
            if (close.size() == 1) return close.getFirst();
            String tools = available.isEmpty() ? "none" : String.join(", ", available);
            if (close.isEmpty()) {
                throw new ConfigException(
                        at, "MCP server '" + server + "' has no tool \"" + wanted + "\"; its tools: " + tools);
            }
            throw new ConfigException(
                    at,
                    "\"" + wanted + "\" matches several tools of MCP server '" + server + "' ("
                            + String.join(", ", close) + "); write the exact name");
        }

        static String normal(String name) {
            return name.toLowerCase(Locale.ROOT).replace('-', '_');
        }
    }
}
