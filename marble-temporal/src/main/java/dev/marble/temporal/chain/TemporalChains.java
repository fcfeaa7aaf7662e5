package dev.marble.temporal.chain;

import dev.marble.api.DurableChainStart;
import dev.marble.api.DurableChainStatus;
import dev.marble.api.DurableChains;
import dev.marble.chain.state.ChainBusyException;
import dev.marble.config.MarbleConfig;
import dev.marble.config.Setting;
import dev.marble.temporal.TemporalConnection;
import dev.marble.temporal.TemporalSettings;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** {@link DurableChains} on Temporal: start a chain's workflow, signal it to stop, query where it is. */
public final class TemporalChains implements DurableChains {

    private final TemporalConnection connection;
    private final MarbleConfig config;

    public TemporalChains(TemporalConnection connection, MarbleConfig config) {
        this.connection = connection;
        this.config = config;
    }

    @Override
    public String start(DurableChainStart request) {
        String mode = text("temporal.workspace.mode", ChainWorkspace.PINNED);
        ChainWorkspace.of(mode); // an unknown mode fails here, before anything starts
        ChainRef chain = ChainRef.of(request.project(), request.chainFile(), request.chain());
        if (mode.equals(ChainWorkspace.GIT)) chain = gitChain(chain, request);
        TemporalSettings settings = connection.settings();
        ChainWorkflowInput input = new ChainWorkflowInput(
                chain,
                mode,
                request.worker() == null ? null : ownQueue(settings.taskQueue(), request.worker()),
                text("temporal.workspace.on_lost_worker", "wait"),
                new ChainWorkflowInput.ChainTimeouts(
                        settings.timeouts().heartbeat().toSeconds(),
                        settings.timeouts().scheduleToStart().toSeconds(),
                        24),
                null);
        ChainWorkflow workflow = connection
                .client()
                .newWorkflowStub(
                        ChainWorkflow.class,
                        WorkflowOptions.newBuilder()
                                .setWorkflowId(chain.workflowId())
                                .setTaskQueue(settings.taskQueue())
                                // one running workflow per chain; a finished one may be started again
                                .setWorkflowIdReusePolicy(
                                        WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                                .build());
        try {
            WorkflowClient.start(workflow::run, input);
        } catch (WorkflowExecutionAlreadyStarted running) {
            throw new ChainBusyException(request.chain(), OptionalLong.empty());
        }
        return chain.workflowId();
    }

    @Override
    public boolean stop(Path project, String chain, String reason) {
        if (!running(project, chain)) return false;
        try {
            connection
                    .client()
                    .newWorkflowStub(ChainWorkflow.class, ChainRef.workflowId(project, chain))
                    .stop(reason == null ? "" : reason);
            return true;
        } catch (WorkflowNotFoundException ended) {
            return false;
        }
    }

    @Override
    public Optional<DurableChainStatus> status(Path project, String chain) {
        String id = ChainRef.workflowId(project, chain);
        try {
            WorkflowStub stub = connection.client().newUntypedWorkflowStub(id);
            DurableChainStatus status = stub.query("status", DurableChainStatus.class);
            return Optional.of(status);
        } catch (WorkflowNotFoundException none) {
            return Optional.empty();
        } catch (io.temporal.client.WorkflowQueryException unanswered) {
            return Optional.empty();
        }
    }

    /** Whether the chain's workflow runs now (a finished workflow's query still answers, from its last state). */
    public boolean running(Path project, String chain) {
        try {
            var response = connection
                    .service()
                    .blockingStub()
                    .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                            .setNamespace(connection.settings().namespace())
                            .setExecution(
                                    WorkflowExecution.newBuilder().setWorkflowId(ChainRef.workflowId(project, chain)))
                            .build());
            return response.getWorkflowExecutionInfo().getStatus()
                    == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) return false;
            throw e;
        }
    }

    /**
     * git mode: the chain file's place in the repository (each worker finds it in its own clone) and the head of
     * the chain's branch, made from this clone's HEAD when the branch does not exist yet.
     */
    private static ChainRef gitChain(ChainRef chain, DurableChainStart request) {
        Path project = request.project().toAbsolutePath().normalize();
        String base = GitWorkspace.startBranch(project, request.chain());
        Path top;
        try {
            top = GitWorkspace.top(project).toRealPath();
            Path file = request.chainFile().toAbsolutePath().normalize().toRealPath();
            return new ChainRef(
                    chain.workflowId(),
                    chain.project(),
                    chain.chainFile(),
                    chain.chain(),
                    new ChainRef.Git(top.relativize(file).toString(), base));
        } catch (java.io.IOException e) {
            throw new dev.marble.error.UsageException(
                    "the chain file " + request.chainFile() + " cannot be read: " + e.getMessage());
        }
    }

    /** The own queue of the worker named {@code worker} on the shared queue {@code taskQueue}. */
    public static String ownQueue(String taskQueue, String worker) {
        return taskQueue + "@" + worker;
    }

    private String text(String key, String fallback) {
        return config.text(key).map(Setting::value).orElse(fallback);
    }
}
