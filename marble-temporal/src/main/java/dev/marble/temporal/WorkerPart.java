package dev.marble.temporal;

/**
 * One kind of work a {@code marble worker} does (chains, agent runs): it registers its workflows and activities
 * on the worker's queues. The worker process registers every part it knows, so one worker serves all of them.
 */
public interface WorkerPart {

    void register(WorkerSetup setup);

    /**
     * Called once the worker has drained: ends what the part's activities keep between calls (the Python hosts and MCP
     * servers of the agents they ran), so nothing they started outlives the worker.
     */
    default void close() {}
}
