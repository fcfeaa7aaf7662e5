package dev.marble.agent;

import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.tool.ToolRegistry;
import dev.marble.tool.Toolset;
import dev.marble.tool.approval.ApprovalGate;
import dev.marble.tool.approval.ApprovalPolicy;
import dev.marble.tool.approval.ApprovalRule;
import dev.marble.tool.approval.Approver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An agent that keeps its conversation between inputs: what {@code marble chat} talks to, and what a library
 * user holds. Each {@link #run} is one agent run (journaled, with its own usage, cost and ending) that starts
 * from the conversation so far; {@link #reset} forgets the messages, while the system prompt and any preloaded
 * files stay, because they are the agent's instructions, not its conversation.
 *
 * <pre>{@code
 * AgentSpec spec = AgentSpec.of("helper", marble.resolver().resolve("openai:gpt-4.1-mini"), "You are terse.");
 * try (AgentSession session = AgentSession.builder(marble, spec).toolsets(BuiltinToolsets.files()).build()) {
 *     AgentResult first = session.run("What is in notes.txt?");
 *     AgentResult second = session.run("And in one word?");   // sees the first exchange
 * }
 * }</pre>
 *
 * Not thread-safe: one input at a time, as in a conversation.
 */
public final class AgentSession implements AutoCloseable {

    private final AgentRuns marble;
    private AgentSpec spec;
    private final ToolRegistry tools;
    private final ApprovalGate gate;
    private final RunControl control;
    private final Path workspace;
    private final String kind;
    private final List<StopCondition> stopConditions;
    private List<Message> conversation;
    private AgentResult last;

    private AgentSession(Builder builder) {
        this.marble = builder.marble;
        this.spec = builder.spec;
        this.tools = builder.tools;
        this.control = builder.control;
        this.workspace = builder.workspace;
        this.kind = builder.kind;
        this.stopConditions = List.copyOf(builder.stopConditions);
        this.conversation = List.copyOf(builder.conversation);
        Approver approver = builder.approver != null
                ? builder.approver
                : Approver.refuseAll("nobody can approve it here; approve it in code or allow it in marble.json");
        this.gate = builder.gate != null
                ? builder.gate
                : new ApprovalGate(ApprovalPolicy.from(marble.config(), builder.rules, false), approver);
    }

    public static Builder builder(AgentRuns marble, AgentSpec spec) {
        return new Builder(marble, spec);
    }

    /**
     * Sends {@code input} as the next user message and runs until the agent answers or a limit stops it. The
     * conversation then holds the whole exchange, tool calls included, also when the run was stopped early, so
     * that the next input continues from what really happened.
     */
    public AgentResult run(String input) {
        Objects.requireNonNull(input, "input");
        if (input.isBlank()) throw new IllegalArgumentException("input is blank");
        AgentRun run = marble.agentRun(AgentRunRequest.of(spec, tools, gate, workspace)
                .control(control)
                .kind(kind)
                .stopWhen(stopConditions));
        last = run.run(conversation, input);
        conversation = last.conversation();
        return last;
    }

    /** Forgets the messages; the instructions (system prompt with preloaded files) stay. */
    public void reset() {
        conversation = List.of();
        last = null;
    }

    /** Continues from a saved conversation (see {@link ConversationFile}) instead of the current one. */
    public void load(List<Message> messages) {
        conversation = List.copyOf(messages);
        last = null;
    }

    /** Saves the conversation, with the instructions it ran under, in Marble's conversation format. */
    public void save(Path file) {
        ConversationFile.write(file, spec.instructions(), spec.model().toString(), conversation, marble.redactor());
    }

    public List<Message> conversation() {
        return conversation;
    }

    /** The result of the latest {@link #run}; null before the first and after a reset or load. */
    public AgentResult lastResult() {
        return last;
    }

    public AgentSpec spec() {
        return spec;
    }

    /**
     * Answers the next inputs with {@code model} (a chat's {@code /model}); the conversation, instructions, tools,
     * options, limits and fallbacks stay.
     */
    public void useModel(ModelRef model) {
        Objects.requireNonNull(model, "model");
        spec = new AgentSpec(spec.name(), model, spec.fallbacks(), spec.instructions(), spec.options(), spec.limits());
    }

    /**
     * Answers the next inputs under {@code instructions} (null: none), the conversation kept: what LLMProc's runtime
     * {@code preload_files} and {@code reset_state} change.
     */
    public void useInstructions(String instructions) {
        spec = new AgentSpec(spec.name(), spec.model(), spec.fallbacks(), instructions, spec.options(), spec.limits());
    }

    public ToolRegistry tools() {
        return tools;
    }

    /** Stops what the tools started (MCP servers, say). */
    @Override
    public void close() {
        tools.close();
    }

    /** How a session is put together; everything but the agent has a default that asks nobody. */
    public static final class Builder {
        private final AgentRuns marble;
        private AgentSpec spec;
        private ToolRegistry tools = ToolRegistry.empty();
        private Approver approver;
        private ApprovalGate gate;
        private final List<ApprovalRule> rules = new ArrayList<>();
        private RunControl control = RunControl.HEADLESS;
        private Path workspace;
        private String kind = "session";
        private List<Message> conversation = List.of();
        private final List<StopCondition> stopConditions = new ArrayList<>();

        private Builder(AgentRuns marble, AgentSpec spec) {
            this.marble = Objects.requireNonNull(marble, "marble");
            this.spec = Objects.requireNonNull(spec, "spec");
            this.workspace = marble.environment().workingDirectory();
        }

        /** The agent's tools; the session owns them and closes them when it is closed. */
        public Builder tools(ToolRegistry tools) {
            this.tools = Objects.requireNonNull(tools, "tools");
            return this;
        }

        public Builder toolsets(Toolset... toolsets) {
            return tools(ToolRegistry.of(List.of(toolsets)));
        }

        /**
         * Who answers when the approval policy asks about a tool call (default: nobody, so such calls are refused
         * and the model is told why). {@link Approver#approveAll()} approves them; deny rules still win.
         */
        public Builder approver(Approver approver) {
            this.approver = Objects.requireNonNull(approver, "approver");
            return this;
        }

        /** Approval rules beside those of marble.json, like {@code allow run_command(git *)}. */
        public Builder rules(List<ApprovalRule> more) {
            rules.addAll(more);
            return this;
        }

        /** A gate shared with other runs (the approvals a person gave for the session carry over). */
        public Builder gate(ApprovalGate gate) {
            this.gate = Objects.requireNonNull(gate, "gate");
            return this;
        }

        public Builder control(RunControl control) {
            this.control = Objects.requireNonNull(control, "control");
            return this;
        }

        /** The folder file and shell tools work in (default: the environment's working directory). */
        public Builder workspace(Path workspace) {
            this.workspace = Objects.requireNonNull(workspace, "workspace");
            return this;
        }

        /** What the journal calls the runs ("session" unless set; {@code marble chat} says "chat"). */
        public Builder kind(String kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
            return this;
        }

        /**
         * Reasons of the caller's own to end each run, as in {@code stopWhen(state -> state.turns() >= 3
         * ? Optional.of(new StopCondition.Stop(RunEnding.COMPLETED, "three turns are enough")) : Optional.empty())}.
         * They are checked in the order given, after Marble's own limits (tokens, dollars, time), wherever those are:
         * before each model call and after each answer. The first that fires ends the run with its ending and detail.
         */
        public Builder stopWhen(StopCondition... conditions) {
            for (StopCondition condition : conditions) {
                stopConditions.add(Objects.requireNonNull(condition, "condition"));
            }
            return this;
        }

        public Builder conversation(List<Message> messages) {
            this.conversation = List.copyOf(messages);
            return this;
        }

        public AgentSession build() {
            return new AgentSession(this);
        }
    }
}
