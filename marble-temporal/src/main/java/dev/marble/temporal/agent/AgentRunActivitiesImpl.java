package dev.marble.temporal.agent;

import dev.marble.Marble;
import dev.marble.agent.AgentSpec;
import dev.marble.agent.RunEnding;
import dev.marble.agent.RunLimits;
import dev.marble.agent.RunLineage;
import dev.marble.agent.ToolInvoker;
import dev.marble.api.DurableRuns;
import dev.marble.error.MarbleException;
import dev.marble.error.ModelCallFailedException;
import dev.marble.error.ModelException;
import dev.marble.event.Event;
import dev.marble.json.Json;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.ConversationJson;
import dev.marble.model.Cost;
import dev.marble.model.Deadline;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.model.StopReason;
import dev.marble.model.StreamListener;
import dev.marble.model.Usage;
import dev.marble.provider.ChatModel;
import dev.marble.provider.resilience.RetryPolicy;
import dev.marble.tool.approval.ApprovalGate;
import dev.marble.tool.approval.ApprovalPolicy;
import dev.marble.tool.approval.ApprovalRule;
import dev.marble.tool.approval.Approver;
import dev.marble.tool.approval.Decision;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The effects of agent runs, on a worker: the model and tool calls with this worker's providers, tools, approval
 * gate and journal. Every event carries the run id, which is the workflow id, so the journal where the worker runs
 * shows which run each call belongs to.
 */
public final class AgentRunActivitiesImpl implements AgentRunActivities {

    /** A run whose agent cannot be assembled here: retrying cannot help. */
    static final String SETUP_FAILED = "MarbleSetupFailed";

    private final Marble marble;
    private final RunAgents agents;
    private final ConversationStore store;

    public AgentRunActivitiesImpl(Marble marble) {
        this.marble = marble;
        this.agents = new RunAgents(marble);
        this.store = new ConversationStore(
                marble.stateDirectory().resolve("temporal").resolve("conversations"));
    }

    @Override
    public Begun begin(String runId, RunOrder order) {
        DurableRuns.Request request = order.request();
        RunAgents.Assembled agent = assembled(runId, request);
        Path workspace = Path.of(request.tools().workspace());
        if (!Files.isDirectory(workspace)) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "the workspace " + workspace + " is not a folder on the worker "
                            + marble.environment().workingDirectory(),
                    SETUP_FAILED);
        }
        AgentSpec spec = agent.spec();
        marble.events()
                .publish(new Event.RunStarted(
                        runId,
                        Instant.now(),
                        request.agent().kind(),
                        spec.name(),
                        spec.model(),
                        request.goal(),
                        agent.tools().names()));
        RunLimits limits = spec.limits();
        return new Begun(
                store.save(runId, List.of(Message.user(request.goal()))),
                new DurableRuns.Limits(
                        limits.maxTurns(),
                        limits.toolCallsPerTurn(),
                        limits.tokenBudget(),
                        limits.costBudgetUsd(),
                        limits.timeout() == null ? 0 : limits.timeout().toSeconds()),
                limits.toolTimeout().toSeconds(),
                limits.completionMarker());
    }

    @Override
    public ModelStep callModel(ModelCall call) {
        String runId = call.runId();
        ModelCall.Turn turn = call.turn();
        RunAgents.Assembled agent = assembled(runId, call.order().request());
        AgentSpec spec = agent.spec();
        List<Message> conversation = new ArrayList<>(store.load(turn.conversation()));
        if (turn.appended() != null) conversation.add(ConversationJson.readMessage(Json.parse(turn.appended())));
        Deadline deadline = turn.deadlineAtMillis() > 0
                ? new Deadline(
                        Instant.ofEpochMilli(turn.deadlineAtMillis()),
                        spec.limits().timeout(),
                        Clock.systemUTC())
                : Deadline.NONE;
        marble.events().publish(new Event.TurnStarted(runId, Instant.now(), turn.number()));
        // One attempt per model within an activity attempt: Temporal does the retrying (ModelRetries), so that a
        // wait between attempts holds no worker and a worker's loss costs no more than the attempt in flight.
        ChatModel model = marble.model(spec.model(), spec.fallbacks(), runId, RetryPolicy.NONE);
        ChatRequest request =
                new ChatRequest(spec.instructions(), conversation, agent.tools().specs(), spec.options(), deadline);
        ChatResponse response;
        try (Heartbeat beating = Heartbeat.start()) {
            response = model.chat(request, StreamListener.NONE);
        } catch (ModelCallFailedException | ModelException failure) {
            throw ModelRetries.failure(failure, call.order().retry(), marble.redactor()::redact);
        }
        // A paused turn goes on where it stopped, as in a local run: the continuation joins the paused message.
        Message message = turn.pausesInRow() > 0 && !conversation.isEmpty()
                ? continued(conversation.removeLast(), response.message())
                : response.message();
        conversation.add(message);
        List<CallData> calls = message.toolCalls().stream()
                .map(c -> new CallData(c.id(), c.name(), Json.write(c.arguments())))
                .toList();
        return new ModelStep(
                store.save(runId, conversation),
                calls,
                message.text(),
                response.stopReason() == StopReason.PAUSED && !message.hasToolCalls(),
                WorkflowTally.of(response.usage(), response.cost(), String.valueOf(response.model())));
    }

    @Override
    public ToolStep runTool(ToolOrder order) {
        String runId = order.runId();
        DurableRuns.Request request = order.order().request();
        RunAgents.Assembled agent = assembled(runId, request);
        // The same gate as a local run's: this worker's marble.json rules (its deny rules win), the agent files'
        // rules, the client's --allow; only a call the policy asks about reaches the approver.
        ApprovalGate gate = new ApprovalGate(
                ApprovalPolicy.from(
                        marble.config(),
                        rules(agent.rules(), request.approvals()),
                        request.approvals().askEveryCall()),
                approver(request.approvals(), order.answer()));
        ToolInvoker invoker = new ToolInvoker(
                agent.tools(),
                gate,
                new ToolInvoker.Workplace(
                        Path.of(request.tools().workspace()), marble.toolEnvironment(), marble::sandbox),
                marble.services());
        WorkflowTally spent = new WorkflowTally();
        boolean[] spentAny = {false};
        ToolInvoker.Caller caller =
                new ToolInvoker.Caller(RunLineage.ROOT, agent.spec().model(), List.of(), (usage, cost) -> {
                    synchronized (spent) {
                        spent.add(WorkflowTally.of(usage, cost, "a delegated run"));
                        spentAny[0] = true;
                    }
                });
        CallData data = order.call();
        Part.ToolCall call = new Part.ToolCall(data.id(), data.name(), Json.parse(data.arguments()));
        Duration left = order.deadlineAtMillis() > 0
                ? Duration.ofMillis(Math.max(1, order.deadlineAtMillis() - System.currentTimeMillis()))
                : null;
        try (Heartbeat beating = Heartbeat.start()) {
            // One call at a time: the workflow applies the per-answer limit, and a call that waits for a person
            // must not hold the calls after it in this activity.
            ToolInvoker.Outcome outcome = invoker.invokeAll(
                    List.of(call), runId, agent.spec().limits().withToolCallsPerTurn(0), left, caller);
            Part.ToolResult result = (Part.ToolResult) outcome.results().getFirst();
            return new ToolStep(result.content(), result.isError(), spentAny[0] ? spent.total() : null, null);
        } catch (PersonApprover.PersonNeeded needed) {
            var asked = needed.request();
            return new ToolStep(
                    "",
                    false,
                    null,
                    new ToolStep.Wait(
                            asked.toolName(),
                            marble.redactor().redact(String.valueOf(asked.subject())),
                            marble.redactor().redact(String.valueOf(asked.reason()))));
        }
    }

    @Override
    public void finish(Finished finished) {
        DurableRuns.Outcome outcome = finished.outcome();
        Spent total = finished.total();
        Spent.Tokens tokens = total.tokens();
        BigDecimal usd = total.usd();
        marble.events()
                .publish(new Event.RunFinished(
                        finished.runId(),
                        Instant.now(),
                        RunEnding.valueOf(outcome.ending()),
                        outcome.detail(),
                        outcome.tally().turns(),
                        new Usage(tokens.input(), tokens.output(), tokens.cacheRead(), tokens.cacheWrite()),
                        new Cost(usd, Cost.Source.valueOf(total.costSource())),
                        Duration.ofMillis(finished.elapsedMillis()),
                        outcome.answer()));
        agents.release(finished.runId());
    }

    /** Lets go of every run's agent (Python hosts, MCP servers): the worker is stopping. */
    public void close() {
        agents.close();
    }

    private RunAgents.Assembled assembled(String runId, DurableRuns.Request request) {
        try {
            return agents.get(runId, request);
        } catch (MarbleException | IllegalArgumentException e) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "the agent cannot be assembled on this worker: "
                            + marble.redactor().redact(String.valueOf(e.getMessage())),
                    SETUP_FAILED);
        }
    }

    private static List<ApprovalRule> rules(List<ApprovalRule> agentRules, DurableRuns.Approvals approvals) {
        List<ApprovalRule> rules = new ArrayList<>(agentRules);
        for (String allow : approvals.allow()) rules.add(ApprovalRule.parse(Decision.ALLOW, allow, null));
        return rules;
    }

    private static Approver approver(DurableRuns.Approvals approvals, PersonAnswer answer) {
        return switch (approvals.mode()) {
            case DurableRuns.Approvals.APPROVE_ALL -> Approver.approveAll();
            case DurableRuns.Approvals.REFUSE ->
                Approver.refuseAll(
                        "nobody can approve it in a headless run; pass --approve-all or allow it in " + "marble.json");
            default -> new PersonApprover(answer);
        };
    }

    /** A paused assistant message and the answer that continued it, as one message. */
    private static Message continued(Message paused, Message rest) {
        List<Part> parts = new ArrayList<>(paused.parts());
        parts.addAll(rest.parts());
        return new Message(Role.ASSISTANT, parts);
    }
}
