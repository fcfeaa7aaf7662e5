package dev.marble.ui;

import java.util.Optional;

/**
 * The durable engine (Temporal) that chains marked as started on it run on, asked for its own view of such a chain
 * (its workflow's status query). The CLI passes one in ({@code marble ui}), built on the same engine SPI as
 * {@code marble chain status}, so this module never loads the engine's SDK; the dashboard asks it only for chains
 * whose facts name an engine ({@link ChainFacts#engine()}), so a project of local chains never loads the engine at all.
 */
public interface EngineChains {

    /** No engine: marked chains are shown from their state files. */
    EngineChains NONE = chain -> {
        throw new Unreachable("no engine is configured for the dashboard");
    };

    /**
     * The engine's view of {@code chain}, or empty when the engine has no workflow for it.
     *
     * @throws Unreachable when the engine cannot be asked (its server is down, its jar missing); the message is one
     *     line for a person, with no secret in it
     */
    Optional<EngineView> view(String chain) throws Unreachable;

    /** The engine cannot be asked now. */
    final class Unreachable extends Exception {
        public Unreachable(String message) {
            super(message, null, false, false);
        }
    }
}
