package dev.marble.cli;

import dev.marble.secret.SecretRedactor;
import dev.marble.ui.Html;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * {@link ChainReport} as one self-contained HTML file: inline CSS, two inline SVG bar charts (cost and time per round),
 * the tables, and no script at all, so it opens anywhere, offline, and nothing in it runs. Every text from the
 * journal (names, models, answers, errors) is redacted, then HTML-escaped: a link whose answer is markup shows the
 * markup as text.
 */
final class ChainReportHtml {

    private static final String STYLE = """
            body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
            table{border-collapse:collapse;margin:1em 0}td,th{padding:2px 8px;text-align:left;vertical-align:top}
            tr.round td{background:#eef;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
            .failed,.interrupted{color:#b00}.skipped{color:#888}svg{margin-right:2em}
            .chart text{font-size:11px;fill:#444}.bar{fill:#58a}""";

    private final ChainReportText text;
    private final SecretRedactor redactor;

    ChainReportHtml(ChainReportText text, SecretRedactor redactor) {
        this.text = text;
        this.redactor = redactor;
    }

    String render(ChainReport report) {
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src")
                .append(" 'unsafe-inline'\">")
                .append("<title>Chain ")
                .append(escape(report.chain()))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body>\n");
        html.append("<h1>Chain ")
                .append(escape(report.chain()))
                .append(" <small>(")
                .append(escape(report.status()))
                .append(")</small></h1>\n");
        html.append("<p><b>Stopped:</b> ").append(escape(report.stopReason())).append("<br>");
        html.append("<b>Total:</b> ")
                .append(escape(Words.count(report.rounds().size(), "round") + ", "
                        + Words.count(report.totals().calls(), "model call") + ", " + TotalsText.of(report.totals())))
                .append("<br>");
        html.append("<b>Projection:</b> ")
                .append(escape(text.projection(report.projection())))
                .append("</p>\n");
        if (report.truncated())
            html.append("<p>(the newest ").append(ChainReport.MAX_LINKS).append(" links)</p>\n");
        List<ChainReport.RoundRow> rounds = report.rounds();
        html.append("<div>");
        chart(html, "Cost per round (USD)", rounds, r -> r.round().totals().costUsd());
        chart(html, "Time per round (minutes)", rounds, r -> r.durationMs() == null ? 0 : r.durationMs() / 60_000.0);
        html.append("</div>\n<table>\n<tr><th>Round / link</th><th>Start</th><th>Duration</th><th>Model</th>")
                .append("<th>Tokens</th><th>Cost</th><th>Outcome</th><th>Error or answer</th></tr>\n");
        for (ChainReport.RoundRow round : rounds) {
            html.append("<tr class=\"round\"><td>Round ")
                    .append(round.round().round())
                    .append("</td><td>")
                    .append(escape(ChainLinksView.shortTime(round.round().startedAt())))
                    .append("</td><td class=\"num\">")
                    .append(escape(ChainReportText.duration(round.durationMs())))
                    .append("</td><td></td><td class=\"num\">")
                    .append(round.round().totals().tokens())
                    .append("</td><td class=\"num\">")
                    .append(escape(TotalsText.cost(round.round().totals())))
                    .append("</td><td></td><td></td></tr>\n");
            for (ChainReport.LinkRow row : round.links()) {
                var link = row.link();
                String outcome = link.outcome() == null ? "running" : link.outcome();
                html.append("<tr><td>")
                        .append(escape(link.name()))
                        .append("</td><td>")
                        .append(escape(ChainLinksView.shortTime(link.startedAt())))
                        .append("</td><td class=\"num\">")
                        .append(escape(ChainReportText.duration(link.elapsedMs())))
                        .append("</td><td>")
                        .append(escape(link.model() == null ? "-" : link.model()))
                        .append("</td><td class=\"num\">")
                        .append(
                                link.totals() == null
                                        ? "?"
                                        : Long.toString(link.totals().tokens()))
                        .append("</td><td class=\"num\">")
                        .append(escape(TotalsText.cost(link.totals())))
                        .append("</td><td class=\"")
                        .append(escape(outcome))
                        .append("\">")
                        .append(escape(outcome))
                        .append("</td><td>")
                        .append(escape(row.summary()))
                        .append("</td></tr>\n");
            }
        }
        html.append("</table>\n</body></html>\n");
        return html.toString();
    }

    /** A bar per round, scaled to the largest; the round number under every bar when there is room. */
    private void chart(
            StringBuilder html,
            String title,
            List<ChainReport.RoundRow> rounds,
            ToDoubleFunction<ChainReport.RoundRow> value) {
        int width = 480;
        int height = 160;
        int top = 20;
        int bottom = 20;
        double max = rounds.stream().mapToDouble(value).max().orElse(0);
        html.append(String.format(
                Locale.ROOT, "<svg class=\"chart\" width=\"%d\" height=\"%d\" role=\"img\">", width, height));
        html.append("<title>").append(escape(title)).append("</title>");
        html.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"12\">%s (max %.4g)</text>", escape(title), max));
        if (!rounds.isEmpty()) {
            double slot = (double) width / rounds.size();
            double bar = Math.max(1, slot * 0.8);
            for (int i = 0; i < rounds.size(); i++) {
                double v = value.applyAsDouble(rounds.get(i));
                double h = max <= 0 ? 0 : (height - top - bottom) * v / max;
                html.append(String.format(
                        Locale.ROOT,
                        "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>round %d: %.4g</title></rect>",
                        i * slot,
                        height - bottom - h,
                        bar,
                        h,
                        rounds.get(i).round().round(),
                        v));
                if (slot >= 18) {
                    html.append(String.format(
                            Locale.ROOT,
                            "<text x=\"%.1f\" y=\"%d\">%d</text>",
                            i * slot,
                            height - 5,
                            rounds.get(i).round().round()));
                }
            }
        }
        html.append("</svg>");
    }

    /** Redacted, then escaped for text and attribute values alike (the dashboard's escaping). */
    private String escape(String text) {
        return text == null ? "" : Html.escape(redactor.redact(text));
    }
}
