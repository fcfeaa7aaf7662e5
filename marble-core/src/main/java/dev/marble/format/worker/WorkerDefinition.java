package dev.marble.format.worker;

import dev.marble.agent.AgentSpec;
import dev.marble.agent.RunLimits;
import dev.marble.config.ConfigWarning;
import dev.marble.model.ChatOptions;
import dev.marble.model.ModelRef;
import dev.marble.model.ServerTool;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A loaded {@code .worker} file.
 *
 * @param model        the front matter's {@code model} as written (an alias or {@code provider:model}); null when
 *                     absent, and then {@link ModelPrecedence} decides
 * @param description  for people only: llm-do never showed it to a model ({@link #toolDescription()} is used)
 * @param toolsets     in file order
 * @param warnings     unknown keys and settings Marble ignores, to print once at load
 */
public record WorkerDefinition(
        Path file,
        String name,
        String description,
        String model,
        String instructions,
        List<ToolsetRef> toolsets,
        List<ServerSideTool> serverSideTools,
        List<ConfigWarning> warnings) {

    /** llm-do cut a worker's tool description at 200 characters of its instructions. */
    static final int DESCRIPTION_LENGTH = 200;

    public WorkerDefinition {
        Objects.requireNonNull(name, "name");
        instructions = Objects.requireNonNullElse(instructions, "");
        toolsets = List.copyOf(toolsets);
        serverSideTools = List.copyOf(serverSideTools);
        warnings = List.copyOf(warnings);
    }

    /**
     * The agent this worker runs as, on {@code model} (chosen by {@link ModelPrecedence} and resolved by
     * the caller), with its {@linkplain #serverTools() server tools}. There is no completion marker: like llm-do, a worker's run ends when its model
     * answers without calling a tool. Tools are not part of a spec; see {@link #toolsets()} and
     * {@link #approvals()}.
     */
    public AgentSpec toAgentSpec(ModelRef model) {
        return new AgentSpec(
                name,
                model,
                List.of(),
                instructions,
                ChatOptions.builder().serverTools(serverTools()).build(),
                RunLimits.DEFAULTS.withCompletionMarker(null));
    }

    /**
     * The {@code server_side_tools} as the provider is asked for them. {@code image_generation} too, although no
     * provider Marble speaks runs it: the run is then refused with a clear error rather than run without it.
     */
    public List<ServerTool> serverTools() {
        return serverSideTools.stream()
                .map(tool -> new ServerTool(
                        ServerTool.Kind.of(tool.type()), tool.maxUses(), tool.allowedDomains(), tool.blockedDomains()))
                .toList();
    }

    /** What a calling worker's model is told about this one: the start of its instructions, as in llm-do. */
    public String toolDescription() {
        return instructions.length() <= DESCRIPTION_LENGTH
                ? instructions
                : instructions.substring(0, DESCRIPTION_LENGTH) + "...";
    }

    /** The approval rules this worker's toolsets amount to, and where Marble differs from llm-do. */
    public ApprovalMapping approvals() {
        return ApprovalMapping.of(toolsets);
    }
}
