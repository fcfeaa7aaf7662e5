package dev.marble.temporal;

/**
 * One kind of work a {@code marble worker} does (chains, agent runs): it registers its workflows and activities
 * on the worker's queues. The worker process registers every part it knows, so one worker serves all of them.
 */
public interface WorkerPart {

    void register(WorkerSetup setup);
}
