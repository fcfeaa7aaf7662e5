package dev.marble.api;

import dev.marble.Marble;
import dev.marble.agent.AgentResult;
import dev.marble.agent.AgentSession;
import dev.marble.agent.ConversationFile;
import dev.marble.model.Message;
import java.nio.file.Path;
import java.util.List;

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

    Agent(AgentSession session, Marble owned, UnchosenApprover unchosen, ListenerSink listeners) {
        this.session = session;
        this.owned = owned;
        this.unchosen = unchosen;
        this.listeners = listeners;
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

    /** Forgets the conversation; the instructions stay. */
    public void reset() {
        session.reset();
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
