package dev.marble.agent;

import dev.marble.model.ChatOptions;
import dev.marble.model.ModelRef;
import java.util.List;
import java.util.Objects;

/**
 * An agent: which model (and fallbacks), its instructions, call options and limits. Every command
 * and file format compiles to one; its tools are given to the run as a
 * {@link dev.marble.tool.ToolRegistry}, because toolsets (an MCP server, say) are live things that
 * start and stop, which a value should not be.
 */
public record AgentSpec(
        String name,
        ModelRef model,
        List<ModelRef> fallbacks,
        String instructions,
        ChatOptions options,
        RunLimits limits) {

    public AgentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        options = Objects.requireNonNullElse(options, ChatOptions.DEFAULTS);
        limits = Objects.requireNonNullElse(limits, RunLimits.DEFAULTS);
    }

    /** An agent with no fallbacks, default options and default limits. */
    public static AgentSpec of(String name, ModelRef model, String instructions) {
        return new AgentSpec(name, model, List.of(), instructions, ChatOptions.DEFAULTS, RunLimits.DEFAULTS);
    }
}
