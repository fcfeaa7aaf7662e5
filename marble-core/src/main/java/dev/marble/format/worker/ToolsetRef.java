package dev.marble.format.worker;

import dev.marble.error.SourceLocation;
import java.util.Map;

/**
 * One entry of a worker's {@code toolsets:} mapping, as the file configures it. Built-in toolsets are
 * understood here; any other name (another worker, or a Java or MCP toolset) is resolved when the
 * workers of a run are put together, because only then are all names known.
 */
public sealed interface ToolsetRef {

    /** The name as written in the file. */
    String name();

    /** Where the name stands, for errors found while resolving it. */
    SourceLocation where();

    /** llm-do's {@code shell}: Marble's {@code run_command}. */
    record Shell(ShellRules rules, SourceLocation where) implements ToolsetRef {
        public String name() {
            return "shell";
        }
    }

    /**
     * llm-do's {@code filesystem}: Marble's file tools. Reads ran freely unless {@code read_approval};
     * writes were asked about unless {@code write_approval: false}.
     */
    record Filesystem(boolean readApproval, boolean writeApproval, SourceLocation where) implements ToolsetRef {
        public String name() {
            return "filesystem";
        }
    }

    /**
     * Anything else. {@code preApproved} is the {@code _approval_config}: tool name to
     * {@code pre_approved}. Without an entry a tool is asked about (llm-do was secure by default).
     */
    record Named(String name, Map<String, Boolean> preApproved, SourceLocation where) implements ToolsetRef {
        public Named {
            preApproved = Map.copyOf(preApproved);
        }
    }
}
