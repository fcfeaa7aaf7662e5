package dev.marble.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The chains list and a chain's page, as HTML; every value from a file or the journal escaped. */
final class ChainPages {

    private ChainPages() {}

    static String list(List<ChainFacts> chains, Map<String, LinkRow> lastLinks) {
        StringBuilder html = new StringBuilder("<h1>Chains</h1><div data-live=\"chains\">");
        if (chains.isEmpty())
            return html.append("<p class=\"muted\">No chains in this project.</p></div>")
                    .toString();
        html.append("<table class=\"chains\"><thead><tr><th>Chain</th><th>Status</th><th>Round</th><th>Runtime</th>"
                + "<th>Cost</th><th>Last link</th><th>Outcome</th></tr></thead><tbody>");
        for (ChainFacts chain : chains) {
            LinkRow last = lastLinks.get(chain.name());
            html.append("<tr data-chain=\"")
                    .append(Html.escape(chain.name()))
                    .append("\"><td><a href=\"/chains/")
                    .append(Html.segment(chain.name()))
                    .append("\">")
                    .append(Html.escape(chain.name()))
                    .append("</a></td><td>")
                    .append(status(chain))
                    .append("</td><td class=\"round\">")
                    .append(round(chain))
                    .append("</td><td>")
                    .append(chain.started() ? Format.seconds(chain.runtimeSeconds()) : "–")
                    .append("</td><td>")
                    .append(Format.dollars(chain.costUsd()))
                    .append("</td><td>")
                    .append(Html.escape(chain.lastLink()))
                    .append("</td><td>")
                    .append(last == null ? "" : outcome(last))
                    .append("</td></tr>");
        }
        return html.append("</tbody></table></div>").toString();
    }

    static String status(ChainFacts chain) {
        String word = chain.status() == null ? "never started" : chain.status();
        String css = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z_]", "_");
        return "<span class=\"status s-" + css + "\">" + Html.escape(word) + (chain.running() ? " ●" : "") + "</span>"
                + engineTag(chain.engine());
    }

    /** "on temporal" after a status; a warning sign with the note as its title when the engine was not asked. */
    private static String engineTag(OnEngine engine) {
        if (engine == null) return "";
        return " <span class=\"engine" + (engine.note() == null ? "" : " engine-note") + "\""
                + (engine.note() == null ? "" : " title=\"" + Html.escape(engine.note()) + "\"")
                + ">on " + Html.escape(engine.engine()) + (engine.note() == null ? "" : " ⚠") + "</span>";
    }

    /** The engine's own words about a chain: its workflow, worker, the link running, what it waits for. */
    private static String engineFacts(OnEngine engine) {
        if (engine == null) return "";
        if (engine.view() == null)
            return fact(
                    "Engine",
                    Html.escape(engine.engine()) + ": <span id=\"engine-note\">" + Html.escape(engine.note())
                            + "</span>");
        EngineView view = engine.view();
        StringBuilder html = new StringBuilder(fact(
                "Engine",
                "<span id=\"engine\">" + Html.escape(engine.engine()) + " workflow "
                        + Html.escape(view.workflowId()) + (view.running() ? ", running" : ", ended")
                        + (view.worker() == null ? "" : ", on worker " + Html.escape(view.worker())) + ", "
                        + view.linksRun() + " links run</span>"));
        if (view.linkRunning() != null)
            html.append(
                    fact("Link running", "<span id=\"link-running\">" + Html.escape(view.linkRunning()) + "</span>"));
        if (view.waiting() != null)
            html.append(fact("Waiting", "<span id=\"waiting\">" + Html.escape(view.waiting()) + "</span>"));
        return html.toString();
    }

    static String round(ChainFacts chain) {
        String max = chain.maxRounds() > 0 ? String.valueOf(chain.maxRounds()) : chain.maxRounds() == 0 ? "∞" : "?";
        return "<span class=\"round-now\">" + chain.round() + "</span> / " + max;
    }

    static String outcome(LinkRow link) {
        if (link.outcome() == null) return "<span class=\"outcome o-running\">running</span>";
        return "<span class=\"outcome o-" + Html.escape(link.outcome()) + "\">" + Html.escape(link.outcome())
                + "</span>";
    }

    /**
     * @param links the chain's newest links, oldest first; one more than {@code shown} when there are older ones
     * @param shown how many of them the page shows
     */
    static String chain(ChainDetail detail, List<LinkRow> links, int shown) {
        boolean older = links.size() > shown;
        if (older) links = links.subList(links.size() - shown, links.size());
        ChainFacts chain = detail.facts();
        StringBuilder html = new StringBuilder();
        html.append("<h1>Chain ").append(Html.escape(chain.name())).append("</h1>");
        html.append("<section class=\"facts\"><div data-live=\"facts\"><dl>")
                .append(fact("Status", status(chain)))
                .append(fact("Round", "<span id=\"round\">" + round(chain) + "</span>"))
                .append(fact("Runtime", chain.started() ? Format.seconds(chain.runtimeSeconds()) : "–"))
                .append(fact("Cost so far", Format.dollars(chain.costUsd())))
                .append(fact("Last link", Html.escape(chain.lastLink())))
                .append(engineFacts(chain.engine()));
        if (chain.stopRequested() != null)
            html.append(fact(
                    "Stop requested", "<span id=\"stop-requested\">" + Html.escape(chain.stopRequested()) + "</span>"));
        if (chain.lastStop() != null)
            html.append(fact("Stop reason", "<span id=\"stop-reason\">" + Html.escape(chain.lastStop()) + "</span>"));
        if (chain.problem() != null) html.append(fact("Chain file", Html.escape(chain.problem())));
        html.append("</dl></div>");
        html.append("<div class=\"actions\" data-chain=\"")
                .append(Html.escape(chain.name()))
                .append("\">");
        button(html, ChainAction.STOP, "Stop after this link", "Stop " + chain.name() + " before its next link?");
        button(html, ChainAction.STOP_NOW, "Stop now", "Interrupt the running link of " + chain.name() + " now?");
        button(
                html,
                ChainAction.START,
                chain.started() ? "Start / resume" : "Start",
                "Start " + chain.name() + " in the background?");
        html.append("<output id=\"action-result\"></output></div></section><div data-live=\"body\">");

        html.append(charts(links));
        html.append(timeline(links, older ? chain.name() : null));
        html.append("<section><h2>Handoff</h2><div class=\"markdown\" id=\"handoff\">")
                .append(MarkdownView.render(detail.handoff()))
                .append("</div></section>");
        if (!detail.linkHandoffs().isEmpty()) {
            html.append("<section><h2>Each link's handoff</h2>");
            for (String link : detail.links()) {
                String text = detail.linkHandoffs().get(link);
                if (text == null) continue;
                html.append("<details><summary>")
                        .append(Html.escape(link))
                        .append("</summary><div class=\"markdown\">")
                        .append(MarkdownView.render(text))
                        .append("</div></details>");
            }
            html.append("</section>");
        }
        html.append("<section><h2>Log</h2><pre class=\"log\" id=\"log\">")
                .append(Html.escape(detail.logTail()))
                .append("</pre></section></div>");
        return html.toString();
    }

    private static void button(StringBuilder html, ChainAction action, String label, String question) {
        html.append("<button type=\"button\" class=\"act\" data-action=\"")
                .append(action.wireName())
                .append("\" data-confirm=\"")
                .append(Html.escape(question))
                .append("\">")
                .append(Html.escape(label))
                .append("</button> ");
    }

    private static String fact(String name, String html) {
        return "<dt>" + Html.escape(name) + "</dt><dd>" + html + "</dd>";
    }

    private static String charts(List<LinkRow> links) {
        // Keyed by chain run and round: round 1 of a second start is a bar of its own, not added to the first's.
        Map<String, double[]> rounds = new LinkedHashMap<>();
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (LinkRow link : links) {
            String key = link.chainRunId() + "/" + link.round();
            numbers.put(key, link.round());
            double[] sums = rounds.computeIfAbsent(key, r -> new double[2]);
            sums[0] += link.costUsd() == null ? 0 : link.costUsd();
            sums[1] += link.elapsedMs() == null ? 0 : link.elapsedMs() / 1000.0;
        }
        List<SvgBars.Bar> cost = new ArrayList<>();
        List<SvgBars.Bar> time = new ArrayList<>();
        rounds.forEach((key, sums) -> {
            cost.add(new SvgBars.Bar("" + numbers.get(key), sums[0]));
            time.add(new SvgBars.Bar("" + numbers.get(key), sums[1]));
        });
        return "<section class=\"charts\">"
                + SvgBars.render("Cost per round", cost, v -> Format.dollars(v))
                + SvgBars.render("Time per round", time, v -> String.format(Locale.ROOT, "%.1f s", v))
                + "</section>";
    }

    /** @param olderOf the chain's name when it has links older than those shown, else null */
    private static String timeline(List<LinkRow> links, String olderOf) {
        StringBuilder html = new StringBuilder("<section><h2>Rounds and links</h2>");
        if (links.isEmpty())
            return html.append("<p class=\"muted\">No link has run yet.</p></section>")
                    .toString();
        if (olderOf != null)
            html.append("<p class=\"muted\" id=\"older-links\">The newest ")
                    .append(links.size())
                    .append(" links; older ones: <code>marble logs --chain ")
                    .append(Html.escape(olderOf))
                    .append("</code> or <code>marble chain report ")
                    .append(Html.escape(olderOf))
                    .append("</code>.</p>");
        html.append("<table class=\"timeline\"><thead><tr><th>Round</th><th>Link</th><th>Model</th><th>Duration</th>"
                + "<th>Tokens</th><th>Cost</th><th>Outcome</th><th>Detail</th></tr></thead><tbody>");
        for (LinkRow link : links) {
            html.append("<tr class=\"")
                    .append(link.failed() ? "failed" : "skipped".equals(link.outcome()) ? "skipped" : "")
                    .append("\"><td>")
                    .append(link.round())
                    .append("</td><td>");
            if (link.linkRunId() != null) {
                html.append("<a href=\"/runs/")
                        .append(Html.segment(link.linkRunId()))
                        .append("\">")
                        .append(Html.escape(link.name()))
                        .append("</a>");
            } else {
                html.append(Html.escape(link.name()));
            }
            html.append("</td><td>")
                    .append(Html.escape(link.model()))
                    .append("</td><td>")
                    .append(Format.millis(link.elapsedMs()))
                    .append("</td><td>")
                    .append(Format.tokens(link.inputTokens(), link.outputTokens()))
                    .append("</td><td>")
                    .append(link.outcome() == null ? "–" : Format.dollars(link.costUsd()))
                    .append("</td><td>")
                    .append(outcome(link))
                    .append("</td><td class=\"detail\">")
                    .append(Html.escape(firstLine(link.detail())))
                    .append("</td></tr>");
        }
        return html.append("</tbody></table></section>").toString();
    }

    static String firstLine(String text) {
        if (text == null) return "";
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }
}
