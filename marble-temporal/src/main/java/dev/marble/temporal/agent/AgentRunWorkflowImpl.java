package dev.marble.temporal.agent;

import dev.marble.agent.NextInstruction;
import dev.marble.agent.RunEnding;
import dev.marble.agent.RunLimits;
import dev.marble.agent.RunState;
import dev.marble.agent.StepOutcome;
import dev.marble.agent.StopRules;
import dev.marble.agent.TurnDecider;
import dev.marble.agent.TurnDecision;
import dev.marble.api.DurableRuns;
import dev.marble.json.Json;
import dev.marble.model.ConversationJson;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The turn loop on Temporal: the same {@link TurnDecider} as a local run's makes every decision, from state kept
 * here and rebuilt on replay from the activities' results in the history; the activities perform them. A finished
 * model call's answer is in the history, so a worker that dies after it never makes it again: the next worker
 * replays the answer and goes on from there. Nothing here does I/O or reads a clock other than
 * {@link Workflow#currentTimeMillis()}.
 *
 * <p>Where a local run asks a person at a terminal, this one asks nobody about the turn limit or the next
 * instruction (as a headless run), and waits for {@code marble approve} on a call the policy asks about: a signal,
 * awaited with {@link Workflow#await}, which holds no thread while it waits, for days if need be.
 */
public final class AgentRunWorkflowImpl implements AgentRunWorkflow {

    private String runId;
    private String state = "running";
    private int turns;
    private int turnsSinceAsked;
    private int pausesInRow;
    private int approvals;
    private DurableRuns.Pending pending;
    private PersonAnswer answered;
    private String lastText;
    private String answer;
    private String conversation;
    /** The last tool round's results (a user message, as JSON), added to the conversation by the next model call. */
    private String appended;

    private long start;
    private long deadlineAt;
    private RunLimits limits;
    private final WorkflowTally tally = new WorkflowTally();

    private RunOrder order;
    private AgentRunActivities setup;
    private AgentRunActivities model;
    private AgentRunActivities tools;

    @Override
    public DurableRuns.Outcome run(RunOrder order) {
        this.order = order;
        this.runId = Workflow.getInfo().getWorkflowId();
        this.start = Workflow.currentTimeMillis();
        stubs(order);
        Begun begun;
        try {
            begun = setup.begin(runId, order);
        } catch (ActivityFailure failure) {
            state = "completed";
            return new DurableRuns.Outcome(runId, RunEnding.NO_MODEL.name(), message(failure), null, tally.tally(0));
        }
        conversation = begun.conversation();
        limits = limits(begun);
        deadlineAt = limits.timeout() == null ? 0 : start + limits.timeout().toMillis();
        TurnDecider decider = new TurnDecider(StopRules.of(limits, List.of()));
        StepOutcome last = new StepOutcome.Started();
        while (true) {
            switch (decider.decide(runState(), last)) {
                case TurnDecision.Finish finish -> {
                    return finish(finish);
                }
                case TurnDecision.CallModel call -> last = callModel();
                case TurnDecision.RunTools run -> last = runTools(run.calls());
                // Nobody at a terminal: as a headless local run answers.
                case TurnDecision.AskToContinue ask -> last = new StepOutcome.ContinueAnswered(false, ask.ifDeclined());
                case TurnDecision.AskNextInstruction ask ->
                    last = new StepOutcome.InstructionGiven(NextInstruction.END);
            }
        }
    }

    @Override
    public void answer(PersonAnswer answer) {
        // Only the call waiting now is answered: a late or mistaken answer cannot approve a later call.
        if (pending != null && answer != null && answer.number() == pending.number()) answered = answer;
    }

    @Override
    public DurableRuns.Status status() {
        return new DurableRuns.Status(runId, state, turns, pending);
    }

    private void stubs(RunOrder order) {
        Duration heartbeat = Duration.ofSeconds(Math.max(1, order.heartbeatSeconds()));
        setup = Workflow.newActivityStub(
                AgentRunActivities.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofMinutes(5))
                        .setRetryOptions(RetryOptions.newBuilder()
                                .setMaximumAttempts(3)
                                .setDoNotRetry(AgentRunActivitiesImpl.SETUP_FAILED)
                                .build())
                        .build());
        model = Workflow.newActivityStub(
                AgentRunActivities.class,
                ActivityOptions.newBuilder()
                        // A model answer may stream for long; a dead worker is found by the heartbeat, not this.
                        .setStartToCloseTimeout(Duration.ofHours(2))
                        .setHeartbeatTimeout(heartbeat)
                        .setRetryOptions(ModelRetries.options(order.retry()))
                        .build());
        long toolSeconds = order.request().tools().timeoutSeconds() > 0
                ? order.request().tools().timeoutSeconds()
                : RunLimits.DEFAULTS.toolTimeout().toSeconds();
        tools = Workflow.newActivityStub(
                AgentRunActivities.class,
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(toolSeconds)
                                .plus(heartbeat.multipliedBy(2))
                                .plusMinutes(1))
                        .setHeartbeatTimeout(heartbeat)
                        .setRetryOptions(RetryOptions.newBuilder()
                                .setMaximumAttempts(5)
                                .setDoNotRetry(AgentRunActivitiesImpl.SETUP_FAILED)
                                .build())
                        .build());
    }

    private RunState runState() {
        return new RunState(
                turns,
                turnsSinceAsked,
                tally.usage(),
                tally.usd(),
                tally.unpriced(),
                Duration.ofMillis(Workflow.currentTimeMillis() - start),
                lastText,
                RunState.Interrupt.NONE);
    }

    private StepOutcome callModel() {
        turns++;
        turnsSinceAsked++;
        ModelStep step;
        try {
            step = model.callModel(new ModelCall(
                    runId, order, new ModelCall.Turn(conversation, appended, turns, pausesInRow, deadlineAt)));
        } catch (ActivityFailure failure) {
            boolean passed = deadlineAt > 0 && Workflow.currentTimeMillis() >= deadlineAt;
            return ModelRetries.outcome(failure, limits.timeout(), passed);
        }
        appended = null;
        conversation = step.conversation();
        tally.add(step.spent());
        lastText = step.text();
        if (!lastText.isBlank()) answer = lastText;
        if (step.paused()) return new StepOutcome.Paused(++pausesInRow);
        pausesInRow = 0;
        List<Part.ToolCall> calls = step.calls().stream()
                .map(c -> new Part.ToolCall(c.id(), c.name(), Json.parse(c.arguments())))
                .toList();
        return new StepOutcome.Answered(calls, lastText);
    }

    private StepOutcome runTools(List<Part.ToolCall> calls) {
        List<Part> results = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            Part.ToolCall call = calls.get(i);
            var past = limits.pastToolCallsPerTurn(call, i);
            if (past.isPresent()) {
                results.add(past.get());
                continue;
            }
            ToolStep step = runTool(new CallData(call.id(), call.name(), Json.write(call.arguments())));
            results.add(new Part.ToolResult(call.id(), step.content(), step.error()));
        }
        appended = Json.write(ConversationJson.message(new Message(Role.USER, results), true));
        return new StepOutcome.ToolsRan(false);
    }

    /** One call; if a person must answer first, waits for the answer, then runs it again with the answer. */
    private ToolStep runTool(CallData call) {
        PersonAnswer given = null;
        while (true) {
            ToolStep step;
            try {
                step = tools.runTool(new ToolOrder(runId, order, call, given, deadlineAt));
            } catch (ActivityFailure failure) {
                return new ToolStep(call.name() + " failed on its workers: " + message(failure), true, null, null);
            }
            tally.add(step.spent());
            if (step.person() == null) return step;
            int number = ++approvals;
            pending = new DurableRuns.Pending(
                    number,
                    step.person().tool(),
                    step.person().subject(),
                    step.person().reason());
            state = "waiting_for_approval";
            Workflow.await(() -> answered != null && answered.number() == number);
            given = answered;
            answered = null;
            pending = null;
            state = "running";
        }
    }

    private DurableRuns.Outcome finish(TurnDecision.Finish finish) {
        DurableRuns.Outcome outcome = new DurableRuns.Outcome(
                runId, finish.stop().ending().name(), finish.stop().detail(), answer, tally.tally(turns));
        try {
            setup.finish(new Finished(runId, outcome, tally.total(), Workflow.currentTimeMillis() - start));
        } catch (ActivityFailure failure) {
            // the journal misses the run's end; the run itself is done
        }
        state = "completed";
        return outcome;
    }

    private static RunLimits limits(Begun begun) {
        DurableRuns.Limits given = begun.limits();
        RunLimits limits = RunLimits.DEFAULTS
                .withMaxTurns(given.maxTurns())
                .withToolCallsPerTurn(given.toolCallsPerTurn())
                .withTokenBudget(given.tokenBudget())
                .withToolTimeout(Duration.ofSeconds(Math.max(1, begun.toolTimeoutSeconds())));
        if (given.costBudgetUsd() != null) limits = limits.withCostBudget(given.costBudgetUsd());
        if (given.timeoutSeconds() > 0) limits = limits.withTimeout(Duration.ofSeconds(given.timeoutSeconds()));
        if (begun.completionMarker() != null) limits = limits.withCompletionMarker(begun.completionMarker());
        return limits;
    }

    private static String message(ActivityFailure failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof ApplicationFailure application) return application.getOriginalMessage();
        return String.valueOf(cause == null ? failure.getMessage() : cause.getMessage());
    }
}
