package dev.marble.temporal.chain;

import dev.marble.temporal.WorkerPart;
import dev.marble.temporal.WorkerSetup;

/**
 * Chains on a {@code marble worker}: the chain workflow on the shared queue (any worker replays it), the chain's
 * opening there too (the first worker to take a chain holds its workspace), and the links on this worker's own
 * queue, where the chains it holds send them.
 */
public final class ChainWorkerPart implements WorkerPart {

    @Override
    public void register(WorkerSetup setup) {
        ChainSessions sessions = new ChainSessions(setup.marble(), setup.ownQueue());
        ChainActivitiesImpl activities = new ChainActivitiesImpl(
                sessions, setup.ownQueue(), setup.settings().timeouts().heartbeat());
        setup.shared().registerWorkflowImplementationTypes(ChainWorkflowImpl.class);
        setup.shared().registerActivitiesImplementations(activities);
        setup.own().registerActivitiesImplementations(activities);
    }
}
