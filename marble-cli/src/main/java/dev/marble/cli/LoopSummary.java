package dev.marble.cli;

import dev.marble.agent.AgentResult;

import java.util.Locale;

/** The line {@code marble loop} and {@code marble run -v} end with: how the run ended and what it took. */
final class LoopSummary {

    private LoopSummary() {}

    static String of(AgentResult result) {
        return of(result, "marble loop");
    }

    static String of(AgentResult result, String command) {
        var usage = result.usage();
        String cost = switch (result.cost().source()) {
            case PARTIAL -> String.format(Locale.ROOT, "at least $%.6f (some calls unpriced)", result.cost().usd());
            case UNKNOWN -> "cost unknown";
            case FREE -> "free (replayed or local)";
            default -> String.format(Locale.ROOT, "$%.6f", result.cost().usd() == null ? 0.0 : result.cost().usd().doubleValue());
        };
        return String.format(Locale.ROOT, "[%s] %s: %s | %d turn%s | %d tokens (%d in, %d out, %d cached) | %s | %.1f s",
                command, result.ending().wireName(), result.detail(), result.turns(), result.turns() == 1 ? "" : "s",
                usage.totalTokens(), usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(), cost,
                result.elapsed().toMillis() / 1000.0);
    }

}
