package dev.marble.agent;

import dev.marble.error.DeadlinePassedException;
import dev.marble.error.ModelCallFailedException;
import dev.marble.error.ModelException;
import dev.marble.event.Event;
import dev.marble.event.EventBus;
import dev.marble.model.Attempt;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Cost;
import dev.marble.model.Deadline;
import dev.marble.model.Message;
import dev.marble.model.Role;
import dev.marble.model.StreamListener;
import dev.marble.model.Usage;
import dev.marble.provider.ChatModel;
import dev.marble.tool.ToolRegistry;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One agent run: turns of model and tools until the model answers without calling a tool, or a stop
 * condition fires. A turn is one model answer and the tool calls it asks for, run in order and
 * answered together. Every step is an event; the result names what ended the run and keeps the
 * whole conversation, so an interrupted run can be exported and continued.
 */
public final class AgentRun {

    private final String runId;
    private final String kind;
    private final AgentSpec spec;
    private final ChatModel model;
    private final ToolRegistry tools;
    private final ToolInvoker invoker;
    private final EventBus events;
    private final RunControl control;
    private final Clock clock;
    private final List<StopCondition> conditions;
    private final RunLineage lineage;

    public AgentRun(String runId, String kind, AgentSpec spec, ChatModel model, ToolRegistry tools, ToolInvoker invoker,
                    EventBus events, RunControl control, Clock clock) {
        this(runId, kind, spec, model, tools, invoker, events, control, clock, RunLineage.ROOT);
    }

    /** A run at {@code lineage} in a tree of delegated runs (a child of the run that delegated to it). */
    public AgentRun(String runId, String kind, AgentSpec spec, ChatModel model, ToolRegistry tools, ToolInvoker invoker,
                    EventBus events, RunControl control, Clock clock, RunLineage lineage) {
        this(runId, kind, spec, model, tools, invoker, events, control, clock, lineage, List.of());
    }

    /** As above, with the caller's own conditions, checked after those of the spec's limits. */
    public AgentRun(String runId, String kind, AgentSpec spec, ChatModel model, ToolRegistry tools, ToolInvoker invoker,
                    EventBus events, RunControl control, Clock clock, RunLineage lineage, List<StopCondition> more) {
        this.lineage = Objects.requireNonNull(lineage, "lineage");
        this.runId = Objects.requireNonNull(runId);
        this.kind = kind;
        this.spec = spec;
        this.model = model;
        this.tools = tools;
        this.invoker = invoker;
        this.events = events;
        this.control = control;
        this.clock = clock;
        this.conditions = conditions(spec.limits());
        this.conditions.addAll(more);
    }

    public String runId() {
        return runId;
    }

    public RunLineage lineage() {
        return lineage;
    }

    private static List<StopCondition> conditions(RunLimits limits) {
        List<StopCondition> out = new ArrayList<>();
        if (limits.tokenBudget() > 0) out.add(StopCondition.tokenBudget(limits.tokenBudget()));
        if (limits.costBudgetUsd() != null) out.add(StopCondition.costBudget(limits.costBudgetUsd()));
        if (limits.timeout() != null) out.add(StopCondition.wallClock(limits.timeout()));
        return out;
    }

    /**
     * Runs from {@code history} (possibly empty, or an imported conversation) with {@code goal} as
     * the next user message (null: the history must end with one).
     */
    public AgentResult run(List<Message> history, String goal) {
        List<Message> conversation = new ArrayList<>(history);
        if (goal != null && !goal.isBlank()) conversation.add(Message.user(goal));
        if (conversation.isEmpty() || conversation.getLast().role() != Role.USER) {
            throw new IllegalArgumentException("a run needs a goal or a conversation that ends with a user message");
        }
        long start = System.nanoTime();
        Deadline deadline = Deadline.after(spec.limits().timeout(), clock);
        // Without a goal (a delegate's input, which may carry attachments) the journal shows the last user message.
        String shownGoal = goal != null && !goal.isBlank() ? goal : conversation.getLast().text();
        events.publish(new Event.RunStarted(runId, clock.instant(), kind, spec.name(), spec.model(), shownGoal, tools.names(),
                lineage.parentRunId()));
        Tally tally = new Tally();
        RunLimits limits = spec.limits();
        StopCondition marker = limits.completionMarker() == null ? null : StopCondition.completionMarker(limits.completionMarker());
        int turns = 0;
        int turnsSinceAsked = 0;
        String answer = null;
        StopCondition.Stop stop = null;
        while (stop == null) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            stop = firstStop(tally.state(turns, elapsed, answer)).orElse(null);
            if (stop != null) break;
            if (Thread.interrupted()) {
                stop = new StopCondition.Stop(RunEnding.INTERRUPTED, "interrupted (Ctrl+C)");
                break;
            }
            if (limits.maxTurns() > 0 && turnsSinceAsked >= limits.maxTurns()) {
                if (!control.continuePastMaxTurns(turns)) {
                    stop = new StopCondition.Stop(RunEnding.MAX_TURNS, "reached " + turns + " turns (--max-turns "
                            + limits.maxTurns() + ")");
                    break;
                }
                turnsSinceAsked = 0;
            }
            turns++;
            turnsSinceAsked++;
            events.publish(new Event.TurnStarted(runId, clock.instant(), turns));
            ChatResponse response;
            try {
                response = model.chat(request(conversation, deadline), listener());
            } catch (ModelCallFailedException | ModelException failure) {
                stop = modelFailure(failure, deadline, Duration.ofNanos(System.nanoTime() - start));
                break;
            }
            conversation.add(response.message());
            tally.add(response);
            String text = response.text();
            if (!text.isBlank()) answer = text;
            stop = firstStop(tally.state(turns, Duration.ofNanos(System.nanoTime() - start), null)).orElse(null);
            if (response.message().hasToolCalls()) {
                if (stop != null) {
                    conversation.add(unanswered(response, "not run: the run stopped (" + stop.ending().wireName() + ")"));
                    break;
                }
                // What a tool spent (a delegate's whole run) counts as this run's spending: in its
                // totals and in its budgets, checked again before the next model call.
                ToolInvoker.Caller caller = new ToolInvoker.Caller(lineage, spec.model(), conversation, tally::addSpent);
                ToolInvoker.Outcome outcome = invoker.invokeAll(response.message().toolCalls(), runId, limits,
                        deadline.bounded() ? deadline.remaining() : null, caller);
                conversation.add(new Message(Role.USER, outcome.results()));
                if (outcome.interrupted()) {
                    Thread.interrupted();
                    stop = new StopCondition.Stop(RunEnding.INTERRUPTED, "interrupted (Ctrl+C) during a tool call");
                    break;
                }
            }
            if (stop == null && marker != null) {
                stop = marker.check(tally.state(turns, Duration.ofNanos(System.nanoTime() - start), text)).orElse(null);
            }

            if (stop == null && !response.message().hasToolCalls()) stop = nextInstruction(text, conversation);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        Cost cost = tally.cost();
        events.publish(new Event.RunFinished(runId, clock.instant(), stop.ending().wireName(), stop.detail(), turns,
                tally.usage(), cost, elapsed, answer));
        return new AgentResult(runId, stop.ending(), stop.detail(), conversation, turns, tally.usage(), cost, elapsed, answer);
    }

    /**
     * How a failed model call ends the run: Ctrl+C is an interruption; a call cut short by the run's
     * deadline is the time limit at work (a timeout, exit 6), whatever the provider said last;
     * no model reachable at all (missing keys, a missing program) is the setup failing; anything else is the model
     * failing.
     */
    private static StopCondition.Stop modelFailure(RuntimeException failure, Deadline deadline, Duration elapsed) {
        ModelException last = failure instanceof ModelCallFailedException f ? f.lastFailure() : (ModelException) failure;
        boolean interrupted = !(failure instanceof DeadlinePassedException) && last.kind() == ModelException.Kind.INTERRUPTED;
        Thread.interrupted();
        if (interrupted) return new StopCondition.Stop(RunEnding.INTERRUPTED, "interrupted (Ctrl+C)");
        if (failure instanceof DeadlinePassedException || deadline.passed()) {
            String limit = deadline.bounded() ? " of a limit of " + deadline.limit().toSeconds() + " s" : "";
            return new StopCondition.Stop(RunEnding.TIMEOUT, "ran " + elapsed.toSeconds() + " s" + limit + "; "
                    + failure.getMessage());
        }
        boolean unreachable = failure instanceof ModelCallFailedException f ? f.noModelReachable()
                : last.kind() == ModelException.Kind.UNAVAILABLE;
        return new StopCondition.Stop(unreachable ? RunEnding.NO_MODEL : RunEnding.MODEL_FAILED, failure.getMessage());
    }

    private Optional<StopCondition.Stop> firstStop(RunState state) {
        for (StopCondition condition : conditions) {
            Optional<StopCondition.Stop> stop = condition.check(state);
            if (stop.isPresent()) return stop;
        }
        return Optional.empty();
    }

    /** The model answered without tools: ask for more (on a terminal) or end as answered. */
    private StopCondition.Stop nextInstruction(String text, List<Message> conversation) {
        Optional<String> next = control.nextInstruction(text);
        if (next.isEmpty()) return new StopCondition.Stop(RunEnding.ANSWERED, "the model answered without calling a tool");
        if (RunControl.STOP.equals(next.get())) return new StopCondition.Stop(RunEnding.STOPPED, "stopped at the prompt");
        conversation.add(Message.user(next.get()));
        return null;
    }

    /** The next call; the run's deadline goes with it, so retries and their waits count against the run's limit. */
    private ChatRequest request(List<Message> conversation, Deadline deadline) {
        return new ChatRequest(spec.instructions(), conversation, tools.specs(), spec.options(), deadline);
    }

    /**
     * Streams text (when a sink shows it) and failed attempts into the event stream, where the console and --json
     * see them. Asked per call, so a sink subscribed mid-run takes effect at the next turn.
     */
    private StreamListener listener() {
        boolean deltas = events.wantsTextDeltas();
        return new StreamListener() {
            @Override
            public boolean wantsDeltas() {
                return deltas;
            }

            @Override
            public void onText(String delta) {
                if (deltas && !delta.isEmpty()) events.publish(new Event.TextDelta(runId, clock.instant(), delta));
            }

            @Override
            public void onAttemptFailed(Attempt failed, Duration wait) {
                events.publish(new Event.AttemptFailed(runId, clock.instant(), failed, wait));
            }
        };
    }

    /** Answers tool calls that will not run, so the conversation stays valid for a later continuation. */
    private static Message unanswered(ChatResponse response, String why) {
        List<dev.marble.model.Part> results = new ArrayList<>();
        for (var call : response.message().toolCalls()) results.add(new dev.marble.model.Part.ToolResult(call.id(), why, true));
        return new Message(Role.USER, results);
    }

    /**
     * Tokens and dollars so far; a call without a price makes the total a lower bound. Synchronized
     * because tools book their spending from their own threads (a fork's children run in parallel).
     */
    private static final class Tally {
        Usage usage = Usage.ZERO;
        BigDecimal usd = BigDecimal.ZERO;
        String unpriced;
        boolean reported;
        boolean paid;

        synchronized void add(ChatResponse response) {
            add(response.usage(), response.cost(), response.model().toString());
        }

        /** A tool's spending: a child run's totals, whose own unpriced calls make this total partial too. */
        synchronized void addSpent(Usage spentUsage, Cost spentCost) {
            add(spentUsage, spentCost, "a delegated run");
        }

        private void add(Usage spentUsage, Cost spentCost, String what) {
            usage = usage.plus(spentUsage);
            if (spentCost.known()) {
                usd = usd.add(spentCost.usd());
                reported = reported || spentCost.source() == Cost.Source.PROVIDER_REPORTED;
                paid = paid || spentCost.source() != Cost.Source.FREE;
                if (spentCost.source() == Cost.Source.PARTIAL && unpriced == null) unpriced = what;
            } else if (unpriced == null) {
                unpriced = what;
            }
        }

        synchronized RunState state(int turns, Duration elapsed, String text) {
            return new RunState(turns, usage, usd, unpriced, elapsed, text);
        }

        synchronized Usage usage() {
            return usage;
        }

        synchronized Cost cost() {
            if (unpriced != null) return new Cost(usd, Cost.Source.PARTIAL);
            if (!paid) return Cost.FREE;
            return new Cost(usd, reported ? Cost.Source.PROVIDER_REPORTED : Cost.Source.PRICING_TABLE);
        }
    }
}
