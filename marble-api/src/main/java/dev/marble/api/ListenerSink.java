package dev.marble.api;

import dev.marble.event.Event;
import dev.marble.event.EventBus;
import dev.marble.event.EventSink;
import dev.marble.event.Subscription;
import java.util.List;

/**
 * Hands the events of one agent's runs to its listeners. The event bus is Marble's, shared by every run, so the
 * sink learns its run's id from the run's first event: the {@code RunStarted} of this agent, with no parent,
 * published on the thread that is inside {@link Agent#run} while the sink waits for it. A run started from a tool of
 * this run (another agent's, on the same thread) comes later and is not taken for it.
 */
final class ListenerSink implements EventSink {

    private final String agent;
    private final List<AgentListener> listeners;
    private final boolean wantsText;
    private volatile Thread waitingOn;
    private volatile String runId;
    private Subscription subscription;
    private volatile boolean closed;

    ListenerSink(String agent, List<AgentListener> listeners) {
        this.agent = agent;
        this.listeners = List.copyOf(listeners);
        this.wantsText = this.listeners.stream().anyMatch(ListenerSink::overridesOnText);
    }

    /** The calling thread is about to start a run of the agent. */
    void starting() {
        runId = null;
        waitingOn = Thread.currentThread();
    }

    /** The run ended; late events of it (none are expected) still reach the listeners. */
    void finished() {
        waitingOn = null;
    }

    /** Leaves the bus it was subscribed to (if it was), so a closed agent's listeners are not called again. */
    void close() {
        closed = true;
        if (subscription != null) subscription.close();
    }

    /** Subscribes to {@code bus} when there is someone to tell; a sink without listeners stays off the bus. */
    void subscribeTo(EventBus bus) {
        if (!listeners.isEmpty()) subscription = bus.subscribe(this);
    }

    List<AgentListener> listeners() {
        return listeners;
    }

    @Override
    public boolean wantsTextDeltas() {
        return wantsText && !closed;
    }

    @Override
    public void accept(Event event) {
        if (closed) return;
        if (event instanceof Event.RunStarted started
                && started.parentRunId() == null
                && agent.equals(started.agent())
                && waitingOn == Thread.currentThread()) {
            runId = started.runId();
            waitingOn = null;
        }
        if (runId == null || !runId.equals(event.runId())) return;
        for (AgentListener listener : listeners) deliver(listener, event);
    }

    private static void deliver(AgentListener listener, Event event) {
        listener.onEvent(event);
        switch (event) {
            case Event.ModelCallStarted e ->
                listener.onModelCall(new AgentListener.ModelCall(
                        e.runId(), e.callId(), e.model().toString()));
            case Event.ModelCallFinished e ->
                listener.onModelResponse(new AgentListener.ModelResponse(
                        e.runId(),
                        e.callId(),
                        e.response().model().toString(),
                        e.response().text(),
                        e.response().message().toolCalls().size(),
                        e.response().usage(),
                        e.response().cost(),
                        e.latency()));
            case Event.TextDelta e -> listener.onText(e.text());
            case Event.ToolCalled e ->
                listener.onToolCall(new AgentListener.ToolCall(e.runId(), e.toolCallId(), e.tool(), e.arguments()));
            case Event.ApprovalDecided e ->
                listener.onApproval(new AgentListener.Approval(
                        e.runId(), e.toolCallId(), e.tool(), e.allowed(), e.decidedBy(), e.reason()));
            case Event.ToolReturned e ->
                listener.onToolResult(new AgentListener.ToolOutcome(
                        e.runId(), e.toolCallId(), e.tool(), e.content(), e.isError(), e.duration()));
            default -> {}
        }
    }

    /** Streaming costs CPU per piece, so it is asked for only by a listener that reads the pieces. */
    private static boolean overridesOnText(AgentListener listener) {
        try {
            return listener.getClass().getMethod("onText", String.class).getDeclaringClass() != AgentListener.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
