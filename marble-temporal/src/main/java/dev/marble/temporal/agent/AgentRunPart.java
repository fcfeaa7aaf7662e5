package dev.marble.temporal.agent;

import dev.marble.temporal.WorkerPart;
import dev.marble.temporal.WorkerSetup;

/**
 * Agent runs on a {@code marble worker}: the workflow and its activities on the shared task queue, so that any
 * worker takes any run's next call (a run's workspace and agent files must be at the same paths on each; see
 * docs/temporal.md).
 */
public final class AgentRunPart implements WorkerPart {

    private AgentRunActivitiesImpl activities;

    @Override
    public void register(WorkerSetup setup) {
        activities = new AgentRunActivitiesImpl(setup.marble());
        setup.shared().registerWorkflowImplementationTypes(AgentRunWorkflowImpl.class);
        setup.shared().registerActivitiesImplementations(activities);
    }

    @Override
    public void close() {
        if (activities != null) activities.close();
    }
}
