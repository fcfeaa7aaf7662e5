package dev.marble.cli;

import dev.marble.json.Json;
import dev.marble.secret.SecretRedactor;
import dev.marble.store.ChainHistory;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code marble logs --chain NAME}: the chain's links, one line each, under a line per round with the round's totals;
 * or, with {@code --json}, one object per link.
 */
final class ChainLinksView {

    private final PrintStream out;
    private final SecretRedactor redactor;

    ChainLinksView(PrintStream out, SecretRedactor redactor) {
        this.out = out;
        this.redactor = redactor;
    }

    void print(List<ChainHistory.Link> links) {
        for (ChainHistory.Round round : ChainHistory.rounds(links)) {
            out.println(roundLine(round));
            for (ChainHistory.Link link : round.links()) out.println("  " + linkLine(link));
        }
    }

    void printJson(List<ChainHistory.Link> links) {
        for (ChainHistory.Link link : links) out.println(Json.write(redactor.redact(json(link))));
    }

    static String roundLine(ChainHistory.Round round) {
        return String.format(
                Locale.ROOT,
                "round %d  %s  %s  (chain run %s)",
                round.round(),
                shortTime(round.startedAt()),
                TotalsText.of(round.totals()),
                round.chainRunId());
    }

    String linkLine(ChainHistory.Link link) {
        return String.format(
                Locale.ROOT,
                "%d.%d %-12s %s  %-11s %-28s %7s  %s  %s",
                link.round(),
                link.link() + 1, // counted from 1, as the chain file's links are read; the JSON keeps the index
                link.name(),
                shortTime(link.startedAt()),
                link.outcome() == null ? "(running)" : link.outcome(),
                link.model() == null ? "-" : link.model(),
                link.elapsedMs() == null ? "?" : String.format(Locale.ROOT, "%.1f s", link.elapsedMs() / 1000.0),
                TotalsText.of(link.totals()),
                link.detail() == null ? "" : firstLine(redactor.redact(link.detail())));
    }

    ObjectNode json(ChainHistory.Link link) {
        ObjectNode node = Json.object();
        node.put("chain", link.chain());
        node.put("chain_run_id", link.chainRunId());
        node.put("round", link.round());
        node.put("link", link.link());
        node.put("name", link.name());
        node.put("role", link.role());
        node.put("model", link.model());
        node.put("link_run_id", link.linkRunId());
        node.put("resumed", link.resumed());
        node.put("started_at", link.startedAt());
        node.put("ended_at", link.endedAt());
        node.put("outcome", link.outcome());
        node.put("detail", link.detail());
        if (link.elapsedMs() == null) node.putNull("elapsed_ms");
        else node.put("elapsed_ms", link.elapsedMs());
        if (link.totals() == null) node.putNull("totals");
        else node.set("totals", TotalsText.json(link.totals()));
        return node;
    }

    static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 100 ? line.substring(0, 100) + "…" : line;
    }

    /** {@code 2026-12-01 10:00:00} from the journal's ISO instant. */
    static String shortTime(String instant) {
        if (instant == null) return "?";
        return instant.substring(0, Math.min(19, instant.length())).replace('T', ' ');
    }
}
