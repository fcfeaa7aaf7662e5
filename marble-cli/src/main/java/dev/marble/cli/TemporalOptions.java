package dev.marble.cli;

import dev.marble.api.EngineOptions;
import picocli.CommandLine.Option;

/** Where the Temporal server is, over marble.json's {@code temporal} and the TEMPORAL_* variables. */
final class TemporalOptions {

    @Option(
            names = "--temporal-address",
            paramLabel = "HOST:PORT",
            description = "The Temporal server (default: TEMPORAL_ADDRESS, temporal.address, localhost:7233).")
    String address;

    @Option(
            names = "--namespace",
            paramLabel = "NAME",
            description = "The Temporal namespace (default: TEMPORAL_NAMESPACE, temporal.namespace, default).")
    String namespace;

    @Option(
            names = "--task-queue",
            paramLabel = "QUEUE",
            description = "The task queue the workers poll (default: temporal.task_queue, marble).")
    String taskQueue;

    EngineOptions engineOptions() {
        return new EngineOptions(address, namespace, taskQueue);
    }
}
