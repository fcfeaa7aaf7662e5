package dev.marble.temporal.agent;

import dev.marble.api.DurableRuns;
import dev.marble.error.UsageException;
import dev.marble.event.Ids;
import dev.marble.provider.resilience.RetryPolicy;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/** Agent runs as workflows, for a client: started, followed, answered, through one connection. */
public final class TemporalRuns implements DurableRuns {

    private final WorkflowClient client;
    private final WorkflowServiceStubs service;
    private final String namespace;
    private final String taskQueue;
    private final Settings settings;

    /**
     * What every run started here is given: the heartbeat timeout and Marble's retry policy, from the client's
     * configuration.
     */
    public record Settings(long heartbeatSeconds, RetryPolicy retry) {}

    public TemporalRuns(WorkflowClient client, WorkflowServiceStubs service, String taskQueue, Settings settings) {
        this.client = client;
        this.service = service;
        this.namespace = client.getOptions().getNamespace();
        this.taskQueue = taskQueue;
        this.settings = settings;
    }

    @Override
    public String start(Request request) {
        String runId = "run-" + Ids.next();
        AgentRunWorkflow workflow = client.newWorkflowStub(
                AgentRunWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(runId)
                        .setTaskQueue(taskQueue)
                        .build());
        WorkflowClient.start(
                workflow::run, new RunOrder(request, settings.heartbeatSeconds(), ModelRetries.of(settings.retry())));
        return runId;
    }

    /**
     * Polls the run's status twice a second rather than long-polling its result: the status is read from the history
     * (no worker needed), and the test server does not end a result long poll at the client's deadline.
     */
    @Override
    public Outcome await(String runId, Consumer<Status> changes) {
        Status shown = null;
        while (true) {
            WorkflowExecutionStatus status = describe(runId);
            if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
                return stub(runId).getResult(Outcome.class);
            }
            if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
                throw new dev.marble.error.MarbleException("run " + runId + " did not finish: it was "
                        + state(status.name()).replace('_', ' '));
            }
            Status now = status(runId);
            if (!Objects.equals(now, shown)) {
                shown = now;
                changes.accept(now);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new dev.marble.error.MarbleException(
                        "stopped waiting for run " + runId + "; it goes on (marble approve " + runId + " answers it)");
            }
        }
    }

    @Override
    public Status status(String runId) {
        WorkflowExecutionStatus status = describe(runId);
        if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
            return RunHistory.status(
                    runId,
                    client.fetchHistory(runId).getEvents(),
                    client.getOptions().getDataConverter());
        }
        String state = state(status.name());
        if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
            Outcome outcome = stub(runId).getResult(Outcome.class);
            return new Status(runId, state, outcome.tally().turns(), null);
        }
        return new Status(runId, state, 0, null);
    }

    @Override
    public Pending answer(String runId, boolean approve, String reason) {
        Status status = status(runId);
        if (status.pending() == null) {
            throw new UsageException("run " + runId + " is not waiting for an approval (it is "
                    + status.state().replace('_', ' ') + ")");
        }
        Pending pending = status.pending();
        stub(runId).signal("approval", new PersonAnswer(pending.number(), approve, approve ? null : reason));
        return pending;
    }

    private WorkflowStub stub(String runId) {
        return client.newUntypedWorkflowStub(runId);
    }

    /** The run's workflow status; an id no workflow has is a usage error naming it. */
    private WorkflowExecutionStatus describe(String runId) {
        try {
            return service.blockingStub()
                    .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                            .setNamespace(namespace)
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(runId))
                            .build())
                    .getWorkflowExecutionInfo()
                    .getStatus();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
                throw new UsageException("no run " + runId + " on the Temporal server (namespace " + namespace
                        + "): check the id 'marble loop --engine temporal' printed");
            }
            throw e;
        }
    }

    /** {@code WORKFLOW_EXECUTION_STATUS_TIMED_OUT} or {@code EVENT_TYPE_WORKFLOW_EXECUTION_FAILED}: {@code timed_out}. */
    private static String state(String name) {
        String word = name.replaceFirst("^WORKFLOW_EXECUTION_STATUS_", "")
                .replaceFirst("^EVENT_TYPE_WORKFLOW_EXECUTION_", "");
        return word.toLowerCase(Locale.ROOT);
    }
}
