package dev.marble.temporal.agent;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The effects of an agent run, each run by whichever worker takes it, with that worker's configuration, providers,
 * approval rules and journal.
 */
@ActivityInterface
public interface AgentRunActivities {

    /** Assembles the agent (failing early when a worker cannot) and records that the run started. */
    @ActivityMethod(name = "MarbleAgentRun.Begin")
    Begun begin(String runId, RunOrder order);

    /** One model call, heartbeating while it runs; the answer's tool calls come back, not run. */
    @ActivityMethod(name = "MarbleAgentRun.CallModel")
    ModelStep callModel(ModelCall call);

    /** One tool call, through the same gates as a local run's, heartbeating while it runs. */
    @ActivityMethod(name = "MarbleAgentRun.RunTool")
    ToolStep runTool(ToolOrder order);

    /** Records how the run ended and lets go of what the run held on this worker. */
    @ActivityMethod(name = "MarbleAgentRun.Finish")
    void finish(Finished finished);
}
