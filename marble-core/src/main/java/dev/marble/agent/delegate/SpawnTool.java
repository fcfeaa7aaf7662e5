package dev.marble.agent.delegate;

import dev.marble.agent.AgentResult;
import dev.marble.json.JsonSchemas;
import dev.marble.model.ToolSpec;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * LLMProc's {@code spawn}: {@code {program_name, query}} runs one of the linked programs and returns
 * its answer. Unlike the seed, whose linked program was one long-lived instance that piled up
 * history across spawns, every spawn is a fresh run (as LLMProc's later versions do); and an unknown
 * name is a real tool error, not a result that merely starts with "ERROR".
 */
public final class SpawnTool implements DelegatingTool {

    public static final String NAME = "spawn";

    private final Map<String, Delegate> programs;
    private final Delegation delegation;
    private final ToolSpec spec;

    /** @param programs the linked programs by the name the model uses, in the order to list them */
    public SpawnTool(Map<String, Delegate> programs, Delegation delegation) {
        this.programs = new LinkedHashMap<>(programs);
        this.delegation = Objects.requireNonNull(delegation, "delegation");
        this.spec = new ToolSpec(NAME, description(this.programs), schema());
    }

    /** The seed's description, with each program's own description appended as LLMProc's later versions do. */
    private static String description(Map<String, Delegate> programs) {
        StringBuilder text = new StringBuilder(
                "Execute a query with a linked LLM program that may be specialized for specific tasks.");
        if (!programs.isEmpty()) text.append("\n\nAvailable programs:");
        programs.forEach((name, program) -> {
            text.append("\n- ").append(name);
            if (!program.description().isBlank()) text.append(": ").append(program.description());
        });
        return text.toString();
    }

    private static ObjectNode schema() {
        return JsonSchemas.object()
                .string("program_name", "Name of the linked program to call")
                .string("query", "The query to send to the linked program")
                .build();
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) {
        String name = arguments.path("program_name").asString();
        Delegate program = programs.get(name);
        if (program == null) {
            return ToolResult.error("Program '" + name + "' not found. Available programs: "
                    + (programs.isEmpty() ? "(none)" : String.join(", ", programs.keySet())));
        }
        Optional<String> refusal = delegation.refusal(context);
        if (refusal.isPresent()) return ToolResult.error(refusal.get());
        try {
            AgentResult result =
                    delegation.run(program, List.of(), arguments.path("query").asString(), context, NAME, false);
            return Delegation.asToolResult(name, result);
        } catch (DelegationException e) {
            return ToolResult.error(e.getMessage());
        }
    }

    /** The program's name, so that a rule can allow one and ask about another ({@code spawn(coder)}). */
    @Override
    public String approvalSubject(JsonNode arguments, Path workspace) {
        return arguments.path("program_name").asString(null);
    }
}
