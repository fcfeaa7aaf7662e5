package dev.marble.cli;

import dev.marble.agent.AgentResult;
import java.util.Locale;

/** The line {@code marble loop} and {@code marble run -v} end with: how the run ended and what it took. */
final class LoopSummary {

    private LoopSummary() {}

    static String of(AgentResult result) {
        return of(result, "marble loop", Palette.PLAIN, TerminalText.VERBATIM);
    }

    /** @param text how standard error shows the run's detail, which can quote a provider's error message */
    static String of(AgentResult result, String command, Palette palette, TerminalText text) {
        var usage = result.usage();
        return String.format(
                Locale.ROOT,
                "[%s] %s: %s | %s | %s (%d in, %d out, %d cached) | %s | %.1f s",
                command,
                result.ending().wireName(),
                text.show(result.detail()),
                Words.count(result.turns(), "turn"),
                Words.count(usage.totalTokens(), "token"),
                usage.inputTokens(),
                usage.outputTokens(),
                usage.cacheReadTokens(),
                palette.cost(Words.cost(result.cost())),
                result.elapsed().toMillis() / 1000.0);
    }
}
