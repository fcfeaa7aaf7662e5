package dev.marble.temporal.chain;

import dev.marble.api.DurableChainStatus;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A chain on Temporal: {@link dev.marble.chain.run.ChainStep}'s decisions in workflow code, each link an activity on
 * the worker that holds the chain's workspace. Runs until a shutdown condition holds, continuing as new every hundred
 * links so its history stays bounded however many rounds it runs.
 */
@WorkflowInterface
public interface ChainWorkflow {

    /** Runs the chain; returns how it ended (the status word and the reason, as {@code status} shows them). */
    @WorkflowMethod(name = "MarbleChain")
    String run(ChainWorkflowInput input);

    /** {@code marble chain stop}: stop after the link that is running, as a STOP file would. */
    @SignalMethod(name = "stop")
    void stop(String reason);

    /** {@code marble chain status}: where the chain is. */
    @QueryMethod(name = "status")
    DurableChainStatus status();
}
