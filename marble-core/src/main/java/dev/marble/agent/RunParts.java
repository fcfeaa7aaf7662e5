package dev.marble.agent;

import dev.marble.provider.ChatModel;
import dev.marble.tool.ToolRegistry;
import java.util.Objects;

/**
 * What a run works with: the agent, the model that answers (with its retries, fallbacks, pricing and events already
 * around it), the tools and what runs their calls, and who is asked when a person may decide.
 */
public record RunParts(AgentSpec spec, ChatModel model, ToolRegistry tools, ToolInvoker invoker, RunControl control) {

    public RunParts {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(invoker, "invoker");
        Objects.requireNonNull(control, "control");
    }
}
