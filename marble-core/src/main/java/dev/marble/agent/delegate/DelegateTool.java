package dev.marble.agent.delegate;

import dev.marble.agent.AgentResult;
import dev.marble.json.JsonSchemas;
import dev.marble.model.Message;
import dev.marble.model.ToolSpec;
import dev.marble.tool.ToolContext;
import dev.marble.tool.ToolResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A delegate offered to a model as a tool named after it (llm-do's workers calling workers, LLMProc's
 * linked programs): {@code {input, attachments}} in, the child run's answer out. Each call is a fresh
 * run; see {@link Delegation} for what a child inherits and what it books on its caller.
 */
public final class DelegateTool implements DelegatingTool {

    /** llm-do describes a worker without a description by the start of its instructions. */
    private static final int DESCRIPTION_FROM_INSTRUCTIONS = 200;

    private final Delegate delegate;
    private final Delegation delegation;
    private final ToolSpec spec;

    public DelegateTool(Delegate delegate, Delegation delegation) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.delegation = Objects.requireNonNull(delegation, "delegation");
        this.spec = new ToolSpec(delegate.name(), description(delegate), schema());
    }

    private static String description(Delegate delegate) {
        if (!delegate.description().isBlank()) return delegate.description();
        String instructions =
                Objects.requireNonNullElse(delegate.instructions(), "").strip();
        if (instructions.isEmpty())
            return "Hands a task to the agent '" + delegate.name() + "' and returns its answer.";
        return instructions.length() <= DESCRIPTION_FROM_INSTRUCTIONS
                ? instructions
                : instructions.substring(0, DESCRIPTION_FROM_INSTRUCTIONS);
    }

    private static ObjectNode schema() {
        return JsonSchemas.object()
                .string("input", "The task, as a message to the agent.")
                .strings("attachments", "Files (paths in the workspace) whose contents go with the input.")
                .optional()
                .build();
    }

    public Delegate delegate() {
        return delegate;
    }

    @Override
    public ToolSpec spec() {
        return spec;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) {
        Optional<String> refusal = delegation.refusal(context);
        if (refusal.isPresent()) return ToolResult.error(refusal.get());
        Message first;
        try {
            first = Attachments.message(
                    arguments.path("input").asString(),
                    arguments.path("attachments"),
                    context,
                    Delegation.gate(context));
        } catch (RuntimeException e) {
            return ToolResult.error(e.getMessage());
        }
        try {
            AgentResult result = delegation.run(delegate, List.of(first), null, context, "delegate", false);
            return Delegation.asToolResult(delegate.name(), result);
        } catch (DelegationException e) {
            return ToolResult.error(e.getMessage());
        }
    }

    /** The input, so that rules can tell one task from another ({@code researcher(*invoice*)}). */
    @Override
    public String approvalSubject(JsonNode arguments, Path workspace) {
        return arguments.path("input").asString(null);
    }
}
