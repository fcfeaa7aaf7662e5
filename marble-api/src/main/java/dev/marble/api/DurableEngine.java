package dev.marble.api;

import dev.marble.Marble;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * An engine of durable execution that runs Marble's chains and agent runs across machines and survives the loss
 * of any of them: marble-temporal provides one, {@code temporal}. Found through {@link ServiceLoader}, so that a
 * process that runs everything locally never loads the engine's classes (Temporal's SDK is some 40 MB of jars).
 *
 * <pre>{@code
 * DurableEngine engine = DurableEngine.find("temporal", loader).orElseThrow();
 * try (DurableEngine.Connection connection = engine.connect(marble, EngineOptions.NONE)) {
 *     System.out.println(connection.describe());
 * }
 * }</pre>
 */
public interface DurableEngine {

    /** The name {@code --engine} and marble.json's {@code engine} key use, e.g. {@code temporal}. */
    String name();

    /**
     * A connection to the engine's server, configured as marble.json ({@code marble.config()}) and the environment
     * ({@code marble.environment()}) say, with {@code overrides} (the command line's flags) taking precedence.
     * Connecting checks the server answers: an unreachable server fails here, with its address.
     */
    Connection connect(Marble marble, EngineOptions overrides);

    /** What a command reaches the engine through; closing it closes the connection. */
    interface Connection extends AutoCloseable {

        /** Where it is connected, for a line on stderr: the address and namespace, never a credential. */
        String describe();

        /** Agent runs on this engine: start, wait, answer approvals. */
        DurableRuns runs();

        /** Chains on this engine ({@link DurableChains}). */
        default DurableChains chains() {
            throw new UnsupportedOperationException(describe() + " runs no chains");
        }

        /** Serves as a worker ({@code marble worker}) until the process is asked to stop; then drains. */
        default void serveWorker(WorkerRequest request) {
            throw new UnsupportedOperationException(describe() + " has no workers");
        }

        @Override
        void close();
    }

    /** The engine named {@code name} that {@code loader} finds; empty when none is on its class path. */
    static Optional<DurableEngine> find(String name, ClassLoader loader) {
        return ServiceLoader.load(DurableEngine.class, loader).stream()
                .map(ServiceLoader.Provider::get)
                .filter(engine -> engine.name().equals(name))
                .findFirst();
    }
}
