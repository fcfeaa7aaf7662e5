package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.json.Json;
import dev.marble.tool.ApprovalDefault;
import dev.marble.tool.Tool;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.approval.ApprovalPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code marble tools}: every tool a {@code marble loop} with the same flags would have, where it
 * comes from, and whether it runs without asking. Starts MCP servers to list their tools.
 */
@Command(
        name = "tools",
        description = "List the tools a run would have (built-in, --functions, --mcp).",
        footer = {
            "  marble tools",
            "  marble tools --functions Tools.java --json",
            "  marble tools --mcp servers.json --no-builtins"
        })
final class ToolsCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    ToolFlags tools;

    /** An array: each tool's name, source, default approval, description and input schema. */
    @Mixin
    JsonOption json;

    @Spec
    CommandSpec commandSpec;

    ToolsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path workspace = ToolAssembly.workspace(tools, context);
        try (Marble marble = Marble.start(context.environment(), context.err()::println, context.redactor())) {
            List<String> warnings = new ArrayList<>();
            try (ToolRegistry registry = ToolAssembly.registry(tools, marble, warnings)) {
                warnings.forEach(context.err()::println);
                ApprovalPolicy policy = ApprovalPolicy.from(marble.config(), List.of(), false);
                if (json.enabled()) printJson(registry);
                else printTable(registry, policy, workspace);
            }
            return ExitCodes.OK;
        }
    }

    private void printTable(ToolRegistry registry, ApprovalPolicy policy, Path workspace) {
        Table table = new Table("", "TOOL", "FROM", "APPROVAL", "DESCRIPTION");
        for (Tool tool : registry.tools()) {
            String approval = policy.decide(tool, Json.object(), workspace)
                    .decision()
                    .name()
                    .toLowerCase(Locale.ROOT);
            table.row(
                    tool.name(),
                    registry.sourceOf(tool.name()),
                    approval,
                    firstLine(tool.spec().description()));
        }
        table.print(context.out(), Palette.out(context, commandSpec));
        context.out().println();
        context.out()
                .println(Words.count(registry.names().size(), "tool")
                        + ". APPROVAL is what the policy does with a call when no"
                        + " rule names its arguments: allow runs it, ask asks you (or refuses in a headless run).");
    }

    private void printJson(ToolRegistry registry) {
        ArrayNode out = Json.array();
        for (Tool tool : registry.tools()) {
            var node = out.addObject();
            node.put("name", tool.name());
            node.put("source", registry.sourceOf(tool.name()));
            node.put("approval_default", tool.approvalDefault() == ApprovalDefault.ALLOW ? "allow" : "ask");
            node.put("description", tool.spec().description());
            node.set("input_schema", tool.spec().inputSchema());
        }
        context.out().println(Json.write(out));
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 90 ? line.substring(0, 90) + "…" : line;
    }
}
