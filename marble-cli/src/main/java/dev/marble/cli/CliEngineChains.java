package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.api.DurableChainStatus;
import dev.marble.api.DurableEngine;
import dev.marble.api.EngineOptions;
import dev.marble.ui.EngineChains;
import dev.marble.ui.EngineView;
import java.util.Optional;

/**
 * {@code marble ui}'s way to ask Temporal about chains started on it: the status query {@code marble chain status}
 * makes ({@link TemporalChainView}), through the engine's SPI, so marble-ui needs no Temporal SDK. The engine's jar
 * is loaded and connected on the first question only (the dashboard asks about marked chains alone), and the
 * connection is kept for the next pages.
 */
final class CliEngineChains implements EngineChains, AutoCloseable {

    private final CliContext context;
    private final ChainHome home;
    private Marble marble;
    private DurableEngine.Connection connection;

    CliEngineChains(CliContext context, ChainHome home) {
        this.context = context;
        this.home = home;
    }

    @Override
    public Optional<EngineView> view(String chain) throws Unreachable {
        try {
            return connection().chains().status(home.root(), chain).map(CliEngineChains::view);
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new Unreachable(
                    context.redactor().redact(message.lines().findFirst().orElse("")));
        }
    }

    private synchronized DurableEngine.Connection connection() {
        if (connection == null) {
            if (marble == null) {
                marble = Marble.start(
                        context.environment().withWorkingDirectory(home.root()),
                        context.err()::println,
                        context.redactor());
            }
            // A failed connect leaves connection null: the next page tries again (the server may be back).
            connection = TemporalChainMarker.connect(context, marble, EngineOptions.NONE);
        }
        return connection;
    }

    private static EngineView view(DurableChainStatus status) {
        return new EngineView(
                status.workflowId(),
                status.running(),
                status.status(),
                status.round(),
                status.linkRunning(),
                status.worker(),
                status.waiting(),
                status.linksRun());
    }

    @Override
    public synchronized void close() {
        if (connection != null) connection.close();
        if (marble != null) marble.close();
    }
}
