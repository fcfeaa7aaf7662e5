package dev.marble.api;

/**
 * What a command line says of the engine's server, over marble.json and the environment: each null when not said.
 *
 * @param address   the server's {@code host:port} ({@code --temporal-address})
 * @param namespace the namespace ({@code --namespace})
 * @param taskQueue the task queue workers poll and work is sent to ({@code --task-queue})
 */
public record EngineOptions(String address, String namespace, String taskQueue) {

    /** Nothing said: marble.json and the environment decide. */
    public static final EngineOptions NONE = new EngineOptions(null, null, null);
}
