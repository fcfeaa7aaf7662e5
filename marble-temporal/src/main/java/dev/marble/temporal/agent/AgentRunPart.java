package dev.marble.temporal.agent;

import dev.marble.temporal.WorkerPart;
import dev.marble.temporal.WorkerSetup;

/**
 * Agent runs on a {@code marble worker}: the workflow and its activities on the shared task queue, so that any
 * worker takes any run's next call (a run's workspace and agent files must be at the same paths on each; see
 * docs/temporal-agent-runs.md).
 */
public final class AgentRunPart implements WorkerPart {

    @Override
    public void register(WorkerSetup setup) {
        setup.shared().registerWorkflowImplementationTypes(AgentRunWorkflowImpl.class);
        setup.shared().registerActivitiesImplementations(new AgentRunActivitiesImpl(setup.marble()));
    }
}
