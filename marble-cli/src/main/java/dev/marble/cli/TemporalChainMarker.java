package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.api.DurableEngine;
import dev.marble.api.EngineOptions;
import dev.marble.chain.state.AtomicFiles;
import dev.marble.chain.state.StateDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A chain started on Temporal says so in its state folder ({@code state/NAME/engine.txt}: the engine and the
 * workflow id), so {@code stop}, {@code status} and {@code reset} know to ask the engine rather than a local process.
 */
final class TemporalChainMarker {

    static final String FILE = "engine.txt";

    private TemporalChainMarker() {}

    static void write(StateDir state, String workflowId) {
        AtomicFiles.write(state.dir().resolve(FILE), "temporal\n" + workflowId + "\n");
    }

    /** Forgets the engine: the chain starts here now. */
    static void clear(StateDir state) {
        try {
            Files.deleteIfExists(state.dir().resolve(FILE));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The workflow id, when the chain was last started on Temporal. */
    static Optional<String> workflowId(StateDir state) {
        Path file = state.dir().resolve(FILE);
        try {
            if (!Files.isRegularFile(file)) return Optional.empty();
            var lines = Files.readAllLines(file);
            return lines.size() >= 2 && lines.get(0).strip().equals("temporal")
                    ? Optional.of(lines.get(1).strip())
                    : Optional.empty();
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    /** A connection to the Temporal engine for {@code marble}'s project; exit 8 when it cannot be had. */
    static DurableEngine.Connection connect(CliContext context, Marble marble, EngineOptions options) {
        return DurableEngines.load("temporal", context.environment().variables())
                .connect(marble, options);
    }
}
