package dev.marble.format.program;

import java.util.List;

/** Which tools of one MCP server a program imports: {@code "all"} or the names listed. */
public sealed interface ToolSelection {

    record All() implements ToolSelection {}

    /** Names as the program wrote them; the tool assembly matches them leniently, as LLMProc did. */
    record Named(List<String> names) implements ToolSelection {
        public Named {
            names = List.copyOf(names);
        }
    }
}
