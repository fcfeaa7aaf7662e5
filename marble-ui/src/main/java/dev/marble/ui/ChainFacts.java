package dev.marble.ui;

import java.math.BigDecimal;

/**
 * One chain as {@code marble chain status} sees it.
 *
 * @param status RUNNING, STOPPED, ALL_DONE, CRASHED, ... as the status command says it; null before the first start
 * @param maxRounds 0 when unlimited, -1 when the chain file does not load
 * @param costUsd null before the first start
 * @param problem why the chain file is missing or broken, else null
 * @param engine null for a local chain; for a chain marked as started on a durable engine, the engine's name and, once
 *     the dashboard asked it, its view or why there is none (see {@link EngineBoard})
 */
public record ChainFacts(
        String name,
        String status,
        boolean running,
        int round,
        int maxRounds,
        long runtimeSeconds,
        BigDecimal costUsd,
        String lastLink,
        String stopRequested,
        String lastStop,
        String problem,
        OnEngine engine) {

    public boolean started() {
        return status != null;
    }

    /**
     * These facts with what the engine said: with its view, the workflow's status, round and whether it runs replace
     * the state files' (on Temporal the workflow is the truth while it runs; the files lag by a step).
     */
    ChainFacts on(OnEngine answer) {
        EngineView view = answer.view();
        if (view == null)
            return new ChainFacts(
                    name,
                    status,
                    running,
                    round,
                    maxRounds,
                    runtimeSeconds,
                    costUsd,
                    lastLink,
                    stopRequested,
                    lastStop,
                    problem,
                    answer);
        return new ChainFacts(
                name,
                view.status() == null ? status : view.status(),
                view.running(),
                view.round(),
                maxRounds,
                runtimeSeconds,
                costUsd,
                view.linkRunning() != null ? view.linkRunning() : lastLink,
                stopRequested,
                lastStop,
                problem,
                answer);
    }
}
