package dev.marble.ui;

import dev.marble.json.Json;
import dev.marble.store.RunLog;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON API's bodies, snake_case as the CLI's {@code --json} outputs. */
final class ApiJson {

    private ApiJson() {}

    static ObjectNode chain(ChainFacts chain, LinkRow last) {
        ObjectNode out = Json.object();
        out.put("name", chain.name());
        out.put("status", chain.status());
        out.put("running", chain.running());
        out.put("round", chain.round());
        out.put("max_rounds", chain.maxRounds());
        out.put("runtime_seconds", chain.runtimeSeconds());
        out.put("cost_usd", chain.costUsd());
        out.put("last_link", chain.lastLink());
        out.put("last_outcome", last == null ? null : last.outcome());
        out.put("stop_requested", chain.stopRequested());
        out.put("last_stop", chain.lastStop());
        out.put("problem", chain.problem());
        if (chain.engine() != null) out.set("engine", engine(chain.engine()));
        return out;
    }

    static ObjectNode chainDetail(ChainDetail detail, List<LinkRow> links) {
        ObjectNode out = chain(detail.facts(), links.isEmpty() ? null : links.getLast());
        out.put("handoff", detail.handoff());
        ArrayNode rows = out.putArray("links");
        for (LinkRow link : links) {
            ObjectNode row = rows.addObject();
            row.put("chain_run_id", link.chainRunId());
            row.put("round", link.round());
            row.put("name", link.name());
            row.put("model", link.model());
            row.put("outcome", link.outcome());
            row.put("detail", link.detail());
            row.put("elapsed_ms", link.elapsedMs());
            row.put("cost_usd", link.costUsd());
            row.put("input_tokens", link.inputTokens());
            row.put("output_tokens", link.outputTokens());
            row.put("link_run_id", link.linkRunId());
        }
        out.put("log_tail", detail.logTail());
        return out;
    }

    static ObjectNode run(RunLog.RunTree tree) {
        RunLog.RunRecord r = tree.run();
        ObjectNode out = Json.object();
        out.put("id", r.id());
        out.put("kind", r.kind());
        out.put("agent", r.agent());
        out.put("model", r.model());
        out.put("goal", r.goal());
        out.put("started_at", r.startedAt());
        out.put("ended_at", r.endedAt());
        out.put("ending", r.ending());
        out.put("input_tokens", r.inputTokens());
        out.put("output_tokens", r.outputTokens());
        out.put("cost_usd", r.costUsd());
        out.put("parent_run_id", r.parentRunId());
        ArrayNode children = out.putArray("children");
        for (RunLog.RunTree child : tree.children()) children.add(run(child));
        return out;
    }

    static ObjectNode runWithEvents(RunLog.RunTree tree, List<RunLog.EventRecord> events) {
        ObjectNode out = run(tree);
        ArrayNode list = out.putArray("events");
        for (RunLog.EventRecord event : events) {
            ObjectNode e = list.addObject();
            e.put("seq", event.seq());
            e.put("at", event.at());
            e.put("type", event.type());
            JsonNode body = Json.parse(event.json());
            e.set("event", body);
        }
        return out;
    }

    static ObjectNode message(boolean ok, String text) {
        ObjectNode out = Json.object();
        out.put("ok", ok);
        out.put("message", text);
        return out;
    }

    private static ObjectNode engine(OnEngine on) {
        ObjectNode out = Json.object();
        out.put("name", on.engine());
        out.put("note", on.note());
        EngineView view = on.view();
        if (view != null) {
            out.put("workflow_id", view.workflowId());
            out.put("running", view.running());
            out.put("status", view.status());
            out.put("round", view.round());
            out.put("link_running", view.linkRunning());
            out.put("worker", view.worker());
            out.put("waiting", view.waiting());
            out.put("links_run", view.linksRun());
        }
        return out;
    }
}
