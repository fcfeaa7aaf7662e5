package dev.marble.agent.delegate;

import dev.marble.agent.AgentSpec;
import dev.marble.agent.RunLimits;
import dev.marble.model.ChatOptions;
import dev.marble.model.ModelRef;
import dev.marble.tool.ToolRegistry;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An agent that another agent can hand work to: an llm-do worker called as a tool, an LLMProc linked
 * program reached through {@code spawn}, or the caller itself copied by {@code fork}. Each call is a
 * fresh run, so this holds how to build one rather than a run.
 *
 * @param model  the delegate's own model; null to use its caller's, as llm-do's nested workers do
 * @param tools  a fresh registry per call: registries hold live toolsets (an MCP server, say) that a
 *               run starts and closes, and calls running in parallel must not share them
 */
public record Delegate(
        String name,
        String description,
        ModelRef model,
        List<ModelRef> fallbacks,
        String instructions,
        ChatOptions options,
        RunLimits limits,
        Supplier<ToolRegistry> tools) {

    public Delegate {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("a delegate needs a name");
        description = Objects.requireNonNullElse(description, "");
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        options = Objects.requireNonNullElse(options, ChatOptions.DEFAULTS);
        limits = Objects.requireNonNullElse(limits, RunLimits.DEFAULTS);
        Objects.requireNonNull(tools, "tools");
    }

    /** A delegate that runs {@code spec} as it is, with its own model. */
    public static Delegate of(AgentSpec spec, String description, Supplier<ToolRegistry> tools) {
        return new Delegate(
                spec.name(),
                description,
                spec.model(),
                spec.fallbacks(),
                spec.instructions(),
                spec.options(),
                spec.limits(),
                tools);
    }

    /** A delegate with no model of its own: every call runs on its caller's model. */
    public static Delegate inheritingModel(
            String name,
            String description,
            String instructions,
            ChatOptions options,
            RunLimits limits,
            Supplier<ToolRegistry> tools) {
        return new Delegate(name, description, null, List.of(), instructions, options, limits, tools);
    }

    /**
     * The spec of one call, on {@code callerModel} when this delegate has no model.
     *
     * @throws DelegationException when neither has one (llm-do's NoModelError)
     */
    public AgentSpec spec(ModelRef callerModel) {
        ModelRef chosen = model != null ? model : callerModel;
        if (chosen == null) {
            throw new DelegationException("'" + name + "' names no model, and its caller has none to inherit");
        }
        // Fallbacks belong to the model they back up: an inherited model comes without this delegate's.
        return new AgentSpec(name, chosen, model != null ? fallbacks : List.of(), instructions, options, limits);
    }
}
