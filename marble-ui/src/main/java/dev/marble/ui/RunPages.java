package dev.marble.ui;

import dev.marble.json.Json;
import dev.marble.store.RunLog;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The journal's runs as HTML: the searchable tree, and one run with its events. */
final class RunPages {

    private RunPages() {}

    static String list(List<RunLog.RunTree> runs, RunQuery query, Path journal) {
        StringBuilder html = new StringBuilder("<h1>Runs</h1>");
        html.append("<form class=\"search\" method=\"get\" action=\"/runs\">")
                .append(input("q", "text", "text, id, goal", query.text()))
                .append(input("model", "text", "model", query.model()))
                .append(input(
                        "date",
                        "date",
                        "date",
                        query.date() == null ? null : query.date().toString()))
                .append(input("outcome", "text", "outcome (ok, failed, running...)", query.outcome()))
                .append("<button type=\"submit\">Search</button></form>");
        html.append("<p class=\"muted\">Journal: ").append(Html.escape(journal)).append("</p>");
        html.append("<div data-live=\"runs\">");
        if (runs.isEmpty())
            return html.append("<p class=\"muted\">No runs.</p></div>").toString();
        html.append("<table class=\"runs\"><thead><tr><th>Run</th><th>Kind</th><th>Agent</th><th>Model</th>"
                + "<th>Started</th><th>Tokens</th><th>Cost</th><th>Outcome</th><th>Goal</th></tr></thead><tbody>");
        for (int i = runs.size() - 1; i >= 0; i--) rows(html, runs.get(i), 0);
        return html.append("</tbody></table></div>").toString();
    }

    private static String input(String name, String type, String placeholder, String value) {
        return "<input name=\"" + name + "\" type=\"" + type + "\" placeholder=\"" + Html.escape(placeholder)
                + "\" value=\"" + Html.escape(value) + "\"> ";
    }

    private static void rows(StringBuilder html, RunLog.RunTree tree, int depth) {
        RunLog.RunRecord run = tree.run();
        html.append("<tr><td>")
                .append("&nbsp;&nbsp;&nbsp;".repeat(depth))
                .append(depth > 0 ? "↳ " : "")
                .append("<a href=\"/runs/")
                .append(Html.segment(run.id()))
                .append("\">")
                .append(Html.escape(shortId(run.id())))
                .append("</a></td><td>")
                .append(Html.escape(run.kind()))
                .append("</td><td>")
                .append(Html.escape(run.agent()))
                .append("</td><td>")
                .append(Html.escape(run.model()))
                .append("</td><td>")
                .append(Html.escape(run.startedAt()))
                .append("</td><td>")
                .append(Format.tokens(run.inputTokens(), run.outputTokens()))
                .append("</td><td>")
                .append(run.endedAt() == null ? "–" : Format.dollars(run.costUsd()))
                .append("</td><td>")
                .append(ending(run))
                .append("</td><td class=\"detail\">")
                .append(Html.escape(ChainPages.firstLine(run.goal())))
                .append("</td></tr>");
        for (RunLog.RunTree child : tree.children()) rows(html, child, depth + 1);
    }

    static String shortId(String id) {
        return id.length() > 14 ? id.substring(0, 14) + "…" : id;
    }

    private static String ending(RunLog.RunRecord run) {
        String ending = run.ending() == null ? (run.endedAt() == null ? "running" : "?") : run.ending();
        return "<span class=\"outcome o-" + Html.escape(ending) + "\">" + Html.escape(ending) + "</span>";
    }

    static String run(RunLog.RunTree tree, List<RunLog.EventRecord> events) {
        RunLog.RunRecord run = tree.run();
        StringBuilder html = new StringBuilder("<div data-live=\"run\"><h1>Run ")
                .append(Html.escape(shortId(run.id())))
                .append("</h1><dl class=\"facts\">");
        fact(html, "Id", Html.escape(run.id()));
        fact(html, "Kind", Html.escape(run.kind()));
        fact(html, "Agent", Html.escape(run.agent()));
        fact(html, "Model", Html.escape(run.model()));
        fact(html, "Started", Html.escape(run.startedAt()));
        fact(html, "Ended", run.endedAt() == null ? "still running" : Html.escape(run.endedAt()));
        fact(html, "Outcome", ending(run));
        fact(html, "Tokens", Format.tokens(run.inputTokens(), run.outputTokens()));
        fact(html, "Cost", run.endedAt() == null ? "–" : Format.dollars(run.costUsd()));
        if (run.parentRunId() != null)
            fact(
                    html,
                    "Started by",
                    "<a href=\"/runs/" + Html.segment(run.parentRunId()) + "\">" + Html.escape(run.parentRunId())
                            + "</a>");
        if (run.goal() != null) fact(html, "Goal", "<pre>" + Html.escape(run.goal()) + "</pre>");
        if (run.detail() != null) fact(html, "Detail", "<pre>" + Html.escape(run.detail()) + "</pre>");
        html.append("</dl>");
        if (!tree.children().isEmpty()) {
            html.append("<h2>Runs it started</h2><table class=\"runs\"><tbody>");
            for (RunLog.RunTree child : tree.children()) rows(html, child, 0);
            html.append("</tbody></table>");
        }
        html.append("<h2>Events</h2><ol class=\"events\">");
        for (RunLog.EventRecord event : events) {
            if (event.type().equals("text_delta")) continue; // the answer is in run_finished; deltas are noise here
            html.append("<li class=\"event e-")
                    .append(Html.escape(event.type()))
                    .append("\"><span class=\"at\">")
                    .append(Html.escape(event.at()))
                    .append("</span> <b>")
                    .append(Html.escape(event.type()))
                    .append("</b> ")
                    .append(summary(event))
                    .append("</li>");
        }
        return html.append("</ol></div>").toString();
    }

    private static void fact(StringBuilder html, String name, String value) {
        html.append("<dt>")
                .append(Html.escape(name))
                .append("</dt><dd>")
                .append(value)
                .append("</dd>");
    }

    /** The facts of one event a person looks for: tokens and cost, a tool's arguments and result, who decided. */
    private static String summary(RunLog.EventRecord event) {
        JsonNode json = Json.parse(event.json());
        return switch (event.type()) {
            case "model_call_finished" ->
                Html.escape(Json.text(json, "model", ""))
                        + " · "
                        + Format.tokens(
                                count(json.path("usage"), "input_tokens"), count(json.path("usage"), "output_tokens"))
                        + " · "
                        + Format.dollars(
                                json.path("cost_usd").isNumber()
                                        ? json.path("cost_usd").asDouble()
                                        : null);
            case "tool_called" ->
                "<code>" + Html.escape(Json.text(json, "tool", "")) + "</code><pre class=\"arguments\">"
                        + Html.escape(Json.write(json.path("arguments"))) + "</pre>";
            case "tool_returned" ->
                "<code>" + Html.escape(Json.text(json, "tool", "")) + "</code>"
                        + (json.path("is_error").asBoolean() ? " <span class=\"outcome o-failed\">error</span>" : "")
                        + "<details><summary>result</summary><pre class=\"result\">"
                        + Html.escape(Json.text(json, "content", "")) + "</pre></details>";
            case "approval_decided" ->
                "<code>" + Html.escape(Json.text(json, "tool", "")) + "</code> "
                        + (json.path("allowed").asBoolean() ? "allowed" : "denied") + " by "
                        + Html.escape(Json.text(json, "decided_by", "?")) + " "
                        + Html.escape(Json.text(json, "reason", ""));
            default -> "<details><summary>details</summary><pre>" + Html.escape(Json.write(json)) + "</pre></details>";
        };
    }

    private static Long count(JsonNode node, String field) {
        return node.path(field).isNumber() ? node.path(field).asLong() : null;
    }
}
