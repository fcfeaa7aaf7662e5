package dev.marble.api;

import dev.marble.Marble;
import dev.marble.agent.AgentResult;
import dev.marble.agent.AgentSession;
import dev.marble.agent.ConversationFile;
import dev.marble.format.program.ProgramConversation;
import dev.marble.model.Message;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An agent built in code, holding its conversation from run to run:
 * <pre>{@code
 * import dev.marble.api.*;
 *
 * try (Agent agent = Agent.builder("helper")
 *         .model("anthropic:claude-sonnet-4-6")
 *         .instructions("You are terse.")
 *         .tools(new Calendar(database))                    // objects with @Tool methods
 *         .limits(l -> l.maxTurns(10).costBudgetUsd("0.50"))
 *         .approver(Approver.approveAll())
 *         .build()) {
 *     RunResult first = agent.run("What is on today?");
 *     RunResult second = agent.run("And tomorrow?");         // sees the first exchange
 * }
 * }</pre>
 * Each {@link #run} is one agent run, published on the event bus and journaled like any, with its own usage, cost
 * and ending. This is the engine's {@link AgentSession} with the builder's defaults; {@link #session()} reaches it.
 * Not thread-safe: one input at a time, as in a conversation.
 */
public final class Agent implements AutoCloseable {

    private final AgentSession session;
    private final Marble owned;
    private final UnchosenApprover unchosen;
    private final ListenerSink listeners;
    /** The instructions as LLMProc kept them: the system prompt and its preload blocks (no messages: see session). */
    private ProgramConversation instructions;

    Agent(AgentSession session, Marble owned, UnchosenApprover unchosen, ListenerSink listeners) {
        this(session, owned, unchosen, listeners, Preloads.of(session.spec().instructions()));
    }

    Agent(
            AgentSession session,
            Marble owned,
            UnchosenApprover unchosen,
            ListenerSink listeners,
            ProgramConversation instructions) {
        this.session = session;
        this.owned = owned;
        this.unchosen = unchosen;
        this.listeners = listeners;
        this.instructions = instructions;
    }

    /** Starts describing an agent called {@code name} (the name events and the journal show). */
    public static AgentBuilder builder(String name) {
        return new AgentBuilder(name);
    }

    /**
     * Sends {@code input} as the next user message and runs until the model answers, a limit or a stop condition
     * ends the run, or the model fails; the conversation then holds the whole exchange.
     */
    public RunResult run(String input) {
        if (unchosen != null) unchosen.clear();
        listeners.starting();
        AgentResult result;
        try {
            result = session.run(input);
        } finally {
            listeners.finished();
        }
        String refused = unchosen == null ? "" : unchosen.report();
        String detail = refused.isEmpty() ? result.detail() : result.detail() + "; " + refused;
        RunResult outcome = RunResult.of(result, detail);
        for (AgentListener listener : listeners.listeners()) listener.onFinished(outcome);
        return outcome;
    }

    /** Forgets the conversation; the instructions, preloaded files included, stay (LLMProc's {@code reset_state()}). */
    public void reset() {
        reset(true, true);
    }

    /**
     * LLMProc's {@code reset_state(keep_system_prompt, keep_preloaded)}: the conversation goes; the system prompt and
     * the preloaded files (the program's {@code [preload]} and every {@link #preloadFiles} since) stay as the flags
     * say. Dropping the prompt but keeping the files leaves the files alone, as LLMProc's documentation said (its
     * code put the prompt back); dropping both leaves the agent without instructions.
     */
    public void reset(boolean keepSystemPrompt, boolean keepPreloaded) {
        session.reset();
        instructions = instructions.reset(keepSystemPrompt, keepPreloaded);
        session.useInstructions(instructions.system().orElse(null));
    }

    /**
     * LLMProc's {@code preload_files}: the files' contents join the instructions as one more {@code <preload>} block
     * (each file under its name), from the next {@link #run} on; the conversation stays. Relative paths are resolved
     * against the working directory. A file that cannot be read is an error naming it, and nothing is added.
     *
     * @throws dev.marble.error.UsageException for a missing or unreadable file
     */
    public void preloadFiles(Path... files) {
        preloadFiles(List.of(files));
    }

    /** {@link #preloadFiles(Path...)} for a list. */
    public void preloadFiles(List<Path> files) {
        instructions = instructions.preload(Preloads.read(files));
        session.useInstructions(instructions.system().orElse(null));
    }

    /** Every preloaded file's content by path, as LLMProc's {@code preloaded_content}. */
    public Map<Path, String> preloadedContent() {
        return instructions.preloadedContent();
    }

    /** The instructions the next run is sent (system prompt and preloaded files); null when a reset dropped both. */
    public String instructions() {
        return session.spec().instructions();
    }

    /** The messages so far, tool calls and results included. */
    public List<Message> conversation() {
        return session.conversation();
    }

    /** Saves the conversation in Marble's conversation format ({@code marble chat --load} reads it). */
    public void save(Path file) {
        session.save(file);
    }

    /** Continues from a conversation saved by {@link #save} (or {@code marble chat}) instead of the current one. */
    public void load(Path file) {
        session.load(ConversationFile.read(file).messages());
    }

    public String name() {
        return session.spec().name();
    }

    /** The engine's session underneath, for what the builder does not offer. */
    public AgentSession session() {
        return session;
    }

    /** Stops what the tools started (MCP servers, say) and, if the agent started its own Marble, closes it. */
    @Override
    public void close() {
        listeners.close();
        try {
            session.close();
        } finally {
            if (owned != null) owned.close();
        }
    }
}
