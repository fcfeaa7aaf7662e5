package dev.marble.cli;

import dev.marble.api.EngineOptions;
import picocli.CommandLine.Option;

/** Where the durable engine's server is, over marble.json's {@code temporal} and the TEMPORAL_* variables. */
final class EngineFlags {

    @Option(
            names = "--temporal-address",
            paramLabel = "HOST:PORT",
            description = "The Temporal server (default: TEMPORAL_ADDRESS, temporal.address, localhost:7233).")
    String address;

    @Option(
            names = "--temporal-namespace",
            paramLabel = "NAME",
            description = "The namespace (default: TEMPORAL_NAMESPACE, temporal.namespace, default).")
    String namespace;

    @Option(
            names = "--task-queue",
            paramLabel = "QUEUE",
            description = "The queue workers share (default: temporal.task_queue, marble).")
    String taskQueue;

    EngineOptions options() {
        return new EngineOptions(address, namespace, taskQueue);
    }
}
