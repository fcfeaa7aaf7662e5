package dev.marble.temporal;

import dev.marble.Marble;
import io.temporal.worker.Worker;

/**
 * What a {@link WorkerPart} registers on.
 *
 * @param shared   polls the task queue every worker shares ({@code temporal.task_queue}): work any worker may take
 * @param own      polls this worker's own queue, {@code ownQueue}: work that must run where this worker is (a pinned
 *                 chain's workspace)
 * @param ownQueue the own queue's name
 * @param marble   the project the worker was started in: its configuration, providers, journal and tools
 * @param settings the server and timeouts
 */
public record WorkerSetup(Worker shared, Worker own, String ownQueue, Marble marble, TemporalSettings settings) {}
