package dev.marble.agent;

import dev.marble.error.DeadlinePassedException;
import dev.marble.error.ModelCallFailedException;
import dev.marble.error.ModelException;
import dev.marble.event.Event;
import dev.marble.event.EventBus;
import dev.marble.json.Json;
import dev.marble.model.Attempt;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Cost;
import dev.marble.model.Deadline;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.model.ServerToolUse;
import dev.marble.model.StopReason;
import dev.marble.model.StreamListener;
import dev.marble.provider.ChatModel;
import dev.marble.secret.SecretRedactor;
import dev.marble.tool.ToolRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One agent run: turns of model and tools until the model answers without calling a tool, or a stop
 * condition fires. A turn is one model answer and the tool calls it asks for, run in order and
 * answered together. Every step is an event; the result names what ended the run and keeps the
 * whole conversation, so an interrupted run can be exported and continued.
 *
 * <p>This class is the driver: the {@link TurnDecider} decides each next step from the run's state and the
 * outcome of the last step, and this class performs it (the model call, the tool calls, asking the person, the
 * events) and reports the outcome back.
 */
public final class AgentRun {

    /** The source named for tools the provider runs itself (server tools): no toolset of the run holds them. */
    public static final String SERVER_SOURCE = "server";

    private final String runId;
    private final String kind;
    private final RunLineage lineage;
    private final AgentSpec spec;
    private final ChatModel model;
    private final ToolRegistry tools;
    private final ToolInvoker invoker;
    private final RunControl control;
    private final EventBus events;
    private final Clock clock;
    private final SecretRedactor redactor;
    private final TurnDecider decider;

    public AgentRun(RunIdentity identity, RunParts parts, RunServices services) {
        this(identity, parts, List.of(), services);
    }

    /** A run that also ends when one of the caller's {@code stopWhen} fires (checked after the spec's limits). */
    public AgentRun(RunIdentity identity, RunParts parts, List<StopCondition> stopWhen, RunServices services) {
        this.runId = identity.runId();
        this.kind = identity.kind();
        this.lineage = identity.lineage();
        this.spec = parts.spec();
        this.model = parts.model();
        this.tools = parts.tools();
        this.invoker = parts.invoker();
        this.control = parts.control();
        this.events = services.events();
        this.clock = services.clock();
        this.redactor = services.redactor();
        this.decider = new TurnDecider(StopRules.of(spec.limits(), stopWhen));
    }

    public String runId() {
        return runId;
    }

    public RunLineage lineage() {
        return lineage;
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
        Drive drive = new Drive(conversation);
        // Without a goal (a delegate's input, which may carry attachments) the journal shows the last user message.
        String shownGoal =
                goal != null && !goal.isBlank() ? goal : conversation.getLast().text();
        events.publish(new Event.RunStarted(
                runId,
                clock.instant(),
                kind,
                spec.name(),
                spec.model(),
                shownGoal,
                tools.names(),
                lineage.parentRunId()));
        return drive.toTheEnd();
    }

    /** One run's way from its first decision to its result: the state the decisions are made from, and the effects. */
    private final class Drive {
        private final List<Message> conversation;
        private final long start = System.nanoTime();
        private final Deadline deadline = Deadline.after(spec.limits().timeout(), clock);
        private final RunTally tally = new RunTally();
        private int turns;
        private int turnsSinceAsked;
        /** Answers in a row that the provider paused; while above 0 the conversation ends with the paused turn. */
        private int pausesInRow;
        /** The latest answer's text, which the completion marker is looked for in. */
        private String lastText;
        /** The latest answer's text that was not blank: the run's answer. */
        private String answer;

        Drive(List<Message> conversation) {
            this.conversation = conversation;
        }

        AgentResult toTheEnd() {
            StepOutcome last = new StepOutcome.Started();
            while (true) {
                switch (decider.decide(state(), last)) {
                    case TurnDecision.Finish finish -> {
                        return finish(finish);
                    }
                    case TurnDecision.CallModel call -> last = callModel();
                    case TurnDecision.RunTools run -> last = runTools(run.calls());
                    case TurnDecision.AskToContinue ask -> last = askToContinue(ask);
                    case TurnDecision.AskNextInstruction ask -> last = askNextInstruction(ask.answer());
                }
            }
        }

        private RunState state() {
            RunState.Interrupt interrupt =
                    Thread.currentThread().isInterrupted() ? RunState.Interrupt.SEEN : RunState.Interrupt.NONE;
            return tally.state(turns, turnsSinceAsked, elapsed(), lastText, interrupt);
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - start);
        }

        private StepOutcome callModel() {
            turns++;
            turnsSinceAsked++;
            events.publish(new Event.TurnStarted(runId, clock.instant(), turns));
            ChatResponse response;
            try {
                response = model.chat(request(conversation, deadline), listener());
            } catch (ModelCallFailedException | ModelException failure) {
                return failed(failure, deadline);
            }
            // A paused turn goes on where it stopped: the answer to a continuation is the rest of the same
            // assistant message, which is how the provider expects to see it again.
            Message message =
                    pausesInRow > 0 ? continued(conversation.removeLast(), response.message()) : response.message();
            conversation.add(message);
            tally.add(response);
            lastText = message.text();
            if (!lastText.isBlank()) answer = lastText;
            if (response.stopReason() == StopReason.PAUSED && !message.hasToolCalls()) {
                return new StepOutcome.Paused(++pausesInRow);
            }
            pausesInRow = 0;
            return new StepOutcome.Answered(message.toolCalls(), lastText);
        }

        private StepOutcome runTools(List<Part.ToolCall> calls) {
            // What a tool spent (a delegate's whole run) counts as this run's spending: in its
            // totals and in its budgets, checked again before the next model call.
            List<List<Message>> rewound = new ArrayList<>(1);
            ToolInvoker.Caller caller =
                    new ToolInvoker.Caller(lineage, spec.model(), conversation, tally::addSpent, replacement -> {
                        if (replacement.isEmpty() || replacement.getLast().role() != Role.USER) return false;
                        rewound.add(List.copyOf(replacement));
                        return true;
                    });
            ToolInvoker.Outcome outcome = invoker.invokeAll(
                    calls, runId, spec.limits(), deadline.bounded() ? deadline.remaining() : null, caller);
            if (rewound.isEmpty()) {
                conversation.add(new Message(Role.USER, outcome.results()));
            } else {
                // goto: the run goes on from the conversation the tool chose; the last choice of a turn wins.
                conversation.clear();
                conversation.addAll(rewound.getLast());
            }
            return new StepOutcome.ToolsRan(outcome.interrupted());
        }

        private StepOutcome askToContinue(TurnDecision.AskToContinue ask) {
            boolean goOn = control.continuePastMaxTurns(ask.turns());
            if (goOn) turnsSinceAsked = 0;
            return new StepOutcome.ContinueAnswered(goOn, ask.ifDeclined());
        }

        private StepOutcome askNextInstruction(String text) {
            NextInstruction instruction = Objects.requireNonNull(control.nextInstruction(text), "next instruction");
            if (instruction instanceof NextInstruction.Send send) conversation.add(Message.user(send.text()));
            return new StepOutcome.InstructionGiven(instruction);
        }

        private AgentResult finish(TurnDecision.Finish finish) {
            StopCondition.Stop stop = finish.stop();
            // The interrupt is consumed by the run that it ended: the caller's thread goes on uninterrupted.
            if (stop.ending() == RunEnding.INTERRUPTED) Thread.interrupted();
            if (!finish.notRun().isEmpty()) {
                conversation.add(new Message(Role.USER, List.<Part>copyOf(finish.notRun())));
            }
            Duration elapsed = elapsed();
            Cost cost = tally.cost();
            events.publish(new Event.RunFinished(
                    runId, clock.instant(), stop.ending(), stop.detail(), turns, tally.usage(), cost, elapsed, answer));
            return new AgentResult(
                    runId, stop.ending(), stop.detail(), conversation, turns, tally.usage(), cost, elapsed, answer);
        }
    }

    /** A paused assistant message and the answer that continued it, as one message. */
    private static Message continued(Message paused, Message rest) {
        List<Part> parts = new ArrayList<>(paused.parts());
        parts.addAll(rest.parts());
        return new Message(Role.ASSISTANT, parts);
    }

    /**
     * What a failed model call means for the run: Ctrl+C is an interruption; a call cut short by the run's
     * deadline is the time limit at work (a timeout, exit 6), whatever the provider said last;
     * no model reachable at all (missing keys, a missing program) is the setup failing; anything else is the model
     * failing. The interrupt is consumed here in every case, as a failed call may have left it set.
     */
    private static StepOutcome.ModelFailed failed(RuntimeException failure, Deadline deadline) {
        ModelException last =
                failure instanceof ModelCallFailedException f ? f.lastFailure() : (ModelException) failure;
        boolean interrupted =
                !(failure instanceof DeadlinePassedException) && last.kind() == ModelException.Kind.INTERRUPTED;
        Thread.interrupted();
        Duration limit = deadline.bounded() ? deadline.limit() : null;
        StepOutcome.ModelFailed.Failure kind;
        if (interrupted) {
            kind = StepOutcome.ModelFailed.Failure.INTERRUPTED;
        } else if (failure instanceof DeadlinePassedException || deadline.passed()) {
            kind = StepOutcome.ModelFailed.Failure.DEADLINE;
        } else {
            boolean unreachable = failure instanceof ModelCallFailedException f
                    ? f.noModelReachable()
                    : last.kind() == ModelException.Kind.UNAVAILABLE;
            kind = unreachable ? StepOutcome.ModelFailed.Failure.UNREACHABLE : StepOutcome.ModelFailed.Failure.FAILED;
        }
        return new StepOutcome.ModelFailed(kind, failure.getMessage(), limit);
    }

    /** The next call; the run's deadline goes with it, so retries and their waits count against the run's limit. */
    private ChatRequest request(List<Message> conversation, Deadline deadline) {
        List<Message> sent = tools.needsMessageIds() ? MessageIds.shown(conversation) : conversation;
        return new ChatRequest(spec.instructions(), sent, tools.specs(), spec.options(), deadline);
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

            /**
             * A tool the provider ran is shown as a call and its result from the source "server", as every sink shows
             * tools; redacted as the results of Marble's own tools are, since a fetched page can hold anything.
             */
            @Override
            public void onServerTool(ServerToolUse use) {
                events.publish(
                        new Event.ToolCalled(runId, clock.instant(), use.id(), use.name(), SERVER_SOURCE, use.input()));
                String content = use.result().isString() ? use.result().stringValue() : Json.write(use.result());
                events.publish(new Event.ToolReturned(
                        runId,
                        clock.instant(),
                        use.id(),
                        use.name(),
                        redactor.redact(content),
                        use.isError(),
                        Duration.ZERO));
            }

            @Override
            public void onAttemptFailed(Attempt failed, Duration wait) {
                events.publish(new Event.AttemptFailed(runId, clock.instant(), failed, wait));
            }
        };
    }
}
