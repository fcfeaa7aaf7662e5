package dev.marble.temporal.agent;

import dev.marble.api.DurableRuns;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One agent run as a workflow: the turn loop's decisions in workflow code, every model call and every tool call an
 * activity. The workflow id is the run id.
 */
@WorkflowInterface
public interface AgentRunWorkflow {

    /** The workflow type's name, as clients and {@code temporal workflow list} see it. */
    String TYPE = "MarbleAgentRun";

    @WorkflowMethod(name = TYPE)
    DurableRuns.Outcome run(RunOrder order);

    /** A person's answer to the call waiting for approval ({@code marble approve}). */
    @SignalMethod(name = "approval")
    void answer(PersonAnswer answer);

    @QueryMethod(name = "status")
    DurableRuns.Status status();
}
