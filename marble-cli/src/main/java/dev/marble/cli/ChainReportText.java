package dev.marble.cli;

import dev.marble.json.Json;
import dev.marble.secret.SecretRedactor;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@link ChainReport} as text for a terminal, and as the JSON of {@code --json}. Every text passes the redactor. */
final class ChainReportText {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_AND_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final SecretRedactor redactor;
    private final ZoneId zone;

    ChainReportText(SecretRedactor redactor, ZoneId zone) {
        this.redactor = redactor;
        this.zone = zone;
    }

    void print(ChainReport report, PrintStream out) {
        out.println("Chain " + report.chain() + "  (" + report.status() + ")");
        if (report.truncated()) out.println("(the newest " + ChainReport.MAX_LINKS + " links)");
        for (ChainReport.RoundRow round : report.rounds()) {
            out.println(String.format(
                    Locale.ROOT,
                    "round %-4d %s  %8s  %s",
                    round.round().round(),
                    ChainLinksView.shortTime(round.round().startedAt()),
                    duration(round.durationMs()),
                    TotalsText.of(round.round().totals())));
            for (ChainReport.LinkRow row : round.links()) {
                var link = row.link();
                out.println(String.format(
                        Locale.ROOT,
                        "  %-12s %s  %8s  %-28s %-11s %s  %s",
                        link.name(),
                        ChainLinksView.shortTime(link.startedAt()),
                        duration(link.elapsedMs()),
                        link.model() == null ? "-" : link.model(),
                        link.outcome() == null ? "(running)" : link.outcome(),
                        TotalsText.of(link.totals()),
                        redactor.redact(row.summary())));
            }
        }
        out.println("Total: " + Words.count(report.rounds().size(), "round") + ", "
                + Words.count(
                        report.rounds().stream()
                                .mapToLong(r -> r.links().size())
                                .sum(),
                        "link")
                + ", " + Words.count(report.totals().calls(), "model call") + ", " + TotalsText.of(report.totals()));
        out.println("Stopped: " + redactor.redact(report.stopReason()));
        out.println("Projection: " + projection(report.projection()));
    }

    String projection(ChainReport.Projection p) {
        if (p == null) return "none (no max_rounds, already reached, or no complete round yet)";
        return String.format(
                Locale.ROOT,
                "at the last %s' rate (%s%s and %s a round), max_rounds %d ends at %s%s and %s (%s to go)",
                Words.count(p.rateRounds(), "round"),
                Words.dollars(p.costPerRound()),
                p.costKnown() ? "" : " + unpriced",
                duration(p.timePerRound().toMillis()),
                p.maxRounds(),
                Words.dollars(p.costAtEnd()),
                p.costKnown() ? "" : " + unpriced",
                when(p.endsAt()),
                Words.count(p.remaining(), "round"));
    }

    String when(Instant instant) {
        var local = instant.atZone(zone);
        return local.toLocalDate().equals(LocalDate.now(zone)) ? CLOCK.format(local) : DAY_AND_CLOCK.format(local);
    }

    static String duration(Long millis) {
        if (millis == null) return "?";
        Duration d = Duration.ofMillis(millis);
        if (d.toHours() > 0) return String.format(Locale.ROOT, "%dh %02dm", d.toHours(), d.toMinutesPart());
        if (d.toMinutes() > 0) return String.format(Locale.ROOT, "%dm %02ds", d.toMinutes(), d.toSecondsPart());
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    ObjectNode json(ChainReport report, ChainLinksView links) {
        ObjectNode out = Json.object();
        out.put("chain", report.chain());
        out.put("status", report.status());
        out.put("stop_reason", report.stopReason());
        out.put("truncated", report.truncated());
        out.set("totals", TotalsText.json(report.totals()));
        ArrayNode rounds = out.putArray("rounds");
        for (ChainReport.RoundRow round : report.rounds()) {
            ObjectNode node = rounds.addObject();
            node.put("chain_run_id", round.round().chainRunId());
            node.put("round", round.round().round());
            node.put("started_at", round.round().startedAt());
            node.put("ended_at", round.round().endedAt());
            if (round.durationMs() == null) node.putNull("duration_ms");
            else node.put("duration_ms", round.durationMs());
            node.set("totals", TotalsText.json(round.round().totals()));
            ArrayNode rows = node.putArray("links");
            for (ChainReport.LinkRow row : round.links()) {
                ObjectNode link = links.json(row.link());
                link.put("summary", row.summary());
                rows.add(link);
            }
        }
        ChainReport.Projection p = report.projection();
        if (p == null) {
            out.putNull("projection");
        } else {
            ObjectNode projection = out.putObject("projection");
            projection.put("round", p.round());
            projection.put("max_rounds", p.maxRounds());
            projection.put("rate_rounds", p.rateRounds());
            projection.put("cost_per_round_usd", p.costPerRound());
            projection.put("time_per_round_ms", p.timePerRound().toMillis());
            projection.put("cost_at_end_usd", p.costAtEnd());
            projection.put("cost_known", p.costKnown());
            projection.put("ends_at", p.endsAt().toString());
            projection.put("text", projection(p));
        }
        Json.changeStrings(out, redactor::redact); // the tree is ours: redacted where it stands, not copied
        return out;
    }
}
