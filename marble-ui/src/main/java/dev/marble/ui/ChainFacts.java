package dev.marble.ui;

import java.math.BigDecimal;

/**
 * One chain as {@code marble chain status} sees it.
 *
 * @param status RUNNING, STOPPED, ALL_DONE, CRASHED, ... as the status command says it; null before the first start
 * @param maxRounds 0 when unlimited, -1 when the chain file does not load
 * @param costUsd null before the first start
 * @param problem why the chain file is missing or broken, else null
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
        String problem) {

    public boolean started() {
        return status != null;
    }
}
