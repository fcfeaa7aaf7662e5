package dev.marble.format.worker;

import dev.marble.config.Shape;
import dev.marble.config.Shape.Field;
import dev.marble.config.Shape.Fields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The shape of a worker's front matter. The {@code toolsets} part depends on which toolsets a file
 * names (shell and filesystem take settings, others only {@code _approval_config}), so the shape is
 * made per file.
 */
final class WorkerSchema {

    static final String SHELL = "shell";
    static final String FILESYSTEM = "filesystem";

    private static final Field APPROVAL_CONFIG = Field.optional(
            "_approval_config",
            new Shape.MapOf(
                    Fields.of(Field.optional(
                            "pre_approved", new Shape.Flag(), false, "whether calls of this tool run without asking")),
                    "tool name"),
            null,
            "per tool: {pre_approved: true|false}");

    private static final Fields SHELL_CONFIG = Fields.of(
            Field.optional(
                    "rules",
                    new Shape.ListOf(Fields.of(
                            Field.required("pattern", new Shape.Text(), "a command prefix"),
                            Field.optional("approval_required", new Shape.Flag(), true, "ask before running"))),
                    null,
                    "ordered rules; the first whose pattern starts the command decides"),
            Field.optional(
                    "default",
                    Fields.of(Field.optional("approval_required", new Shape.Flag(), true, "ask before running")),
                    null,
                    "what happens to commands no rule matches; without it they are refused"),
            APPROVAL_CONFIG);

    private static final Fields FILESYSTEM_CONFIG = Fields.of(
            Field.optional("read_approval", new Shape.Flag(), false, "ask before reading"),
            Field.optional("write_approval", new Shape.Flag(), true, "ask before writing"),
            APPROVAL_CONFIG);

    private static final Fields NAMED_CONFIG = Fields.of(APPROVAL_CONFIG);

    private static final Fields SERVER_SIDE_TOOL = Fields.of(
            Field.required("tool_type", new Shape.Choice(Set.copyOf(ServerSideTool.TYPES)), "which provider tool"),
            Field.optional("max_uses", new Shape.WholeNumber(1), null, "web_search: most searches per run"),
            Field.optional("allowed_domains", new Shape.ListOf(new Shape.Text()), null, "web_search: only these"),
            Field.optional("blocked_domains", new Shape.ListOf(new Shape.Text()), null, "web_search: never these"));

    private WorkerSchema() {}

    static Fields frontMatter(Iterable<String> toolsetNames) {
        Map<String, Field> toolsets = new LinkedHashMap<>();
        for (String name : toolsetNames) toolsets.put(name, Field.optional(name, configShape(name), null, null));
        return Fields.of(
                Field.required("name", new Shape.Text(), "the worker's name, also its tool name"),
                Field.optional("description", new Shape.Text(), null, "for people; not shown to models"),
                Field.optional("model", new Shape.Text(), null, "provider:model"),
                Field.optional("toolsets", new Fields(toolsets), null, "toolset name to its settings"),
                Field.optional(
                        "server_side_tools", new Shape.ListOf(SERVER_SIDE_TOOL), null, "tools the provider runs"));
    }

    private static Fields configShape(String toolset) {
        return switch (toolset) {
            case SHELL -> SHELL_CONFIG;
            case FILESYSTEM -> FILESYSTEM_CONFIG;
            default -> NAMED_CONFIG;
        };
    }
}
