package dev.marble.event;

import dev.marble.json.Json;
import dev.marble.model.ConversationJson;
import dev.marble.model.Cost;
import dev.marble.model.Usage;
import java.util.Locale;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every event as one JSON object: {@code --json} prints these, one per line, and the journal keeps
 * them. Names are snake_case; {@code type} says which event it is; a value that is not set is {@code null},
 * never left out, so every event of a type has the same fields (docs/json.md, docs/schemas/events.schema.json).
 * Text is passed through {@code redact} before it leaves the process.
 */
public final class EventJson {

    private EventJson() {}

    public static ObjectNode of(Event event, UnaryOperator<String> redact) {
        ObjectNode out = Json.object();
        out.put("type", type(event));
        out.put("run_id", event.runId());
        out.put("at", event.at().toString());
        // instanceof, not a pattern switch: on JDK 25 each pattern switch makes a class the first time it runs,
        // a few ms of every start that reaches it (docs/performance.md, "Start-up"). EventJsonTest and
        // ConversationJsonTest cover every permitted type, as the switch's exhaustiveness did.
        if (event instanceof Event.RunStarted e) {
            out.put("kind", e.kind());
            out.put("agent", e.agent());
            out.put("model", e.model().toString());
            out.put("goal", e.goal() == null ? null : redact.apply(e.goal()));
            var tools = out.putArray("tools");
            e.tools().forEach(tools::add);
            out.put("parent_run_id", e.parentRunId());
        } else if (event instanceof Event.TurnStarted e) {
            out.put("turn", e.turn());
        } else if (event instanceof Event.ModelCallStarted e) {
            out.put("call_id", e.callId());
            out.put("model", e.model().toString());
        } else if (event instanceof Event.ModelCallFinished e) {
            out.put("call_id", e.callId());
            out.put("model", e.response().model().toString());
            out.put("stop_reason", e.response().stopReason().name().toLowerCase(Locale.ROOT));
            out.set("usage", usage(e.response().usage()));
            cost(out, e.response().cost());
            out.put("latency_ms", e.latency().toMillis());
            out.put("retries", e.response().retries());
        } else if (event instanceof Event.ModelCallFailed e) {
            out.put("call_id", e.callId());
            out.put("model", e.requested().toString());
            out.put("error", redact.apply(e.error()));
            out.set("attempts", ConversationJson.attempts(e.attempts(), redact));
        } else if (event instanceof Event.AttemptFailed e) {
            out.put("model", e.attempt().model().toString());
            out.put("attempt", e.attempt().number());
            out.put("error", redact.apply(e.attempt().error()));
            out.put("retry_in_ms", e.retryIn().toMillis());
        } else if (event instanceof Event.TextDelta e) {
            out.put("text", redact.apply(e.text()));
        } else if (event instanceof Event.ToolCalled e) {
            out.put("tool_call_id", e.toolCallId());
            out.put("tool", e.tool());
            out.put("source", e.source());
            out.set("arguments", Json.mapStrings(e.arguments(), redact));
        } else if (event instanceof Event.ApprovalRequested e) {
            out.put("tool_call_id", e.toolCallId());
            out.put("tool", e.tool());
            out.put("reason", redact.apply(e.reason()));
        } else if (event instanceof Event.ApprovalDecided e) {
            out.put("tool_call_id", e.toolCallId());
            out.put("tool", e.tool());
            out.put("allowed", e.allowed());
            out.put("decided_by", e.decidedBy());
            out.put("reason", redact.apply(e.reason()));
        } else if (event instanceof Event.ToolReturned e) {
            out.put("tool_call_id", e.toolCallId());
            out.put("tool", e.tool());
            out.put("is_error", e.isError());
            out.put("content", redact.apply(e.content()));
            out.put("duration_ms", e.duration().toMillis());
        } else if (event instanceof Event.LinkStarted e) {
            out.put("round", e.round());
            out.put("link", e.link());
            out.put("name", e.name());
            out.put("role", e.role());
            out.put("model", e.model().toString());
            out.put("link_run_id", e.linkRunId());
            out.put("resumed", e.resumed());
        } else if (event instanceof Event.LinkFinished e) {
            out.put("round", e.round());
            out.put("link", e.link());
            out.put("name", e.name());
            out.put("outcome", e.outcome().wireName());
            out.put("detail", e.detail() == null ? null : redact.apply(e.detail()));
            out.put("elapsed_ms", e.elapsed().toMillis());
            cost(out, e.cost());
        } else if (event instanceof Event.ChainNote e) {
            out.put("text", redact.apply(e.text()));
        } else if (event instanceof Event.RunFinished e) {
            out.put("ending", e.ending().wireName());
            out.put("detail", e.detail() == null ? null : redact.apply(e.detail()));
            out.put("turns", e.turns());
            out.set("usage", usage(e.usage()));
            cost(out, e.cost());
            out.put("elapsed_ms", e.elapsed().toMillis());
            out.put("answer", e.answer() == null ? null : redact.apply(e.answer()));
        } else {
            throw new IllegalArgumentException(
                    "not an event Marble knows: " + event.getClass().getName());
        }
        return out;
    }

    public static String type(Event event) {
        // instanceof, not a pattern switch: on JDK 25 each pattern switch makes a class the first time it runs,
        // a few ms of every start that reaches it (docs/performance.md, "Start-up").
        if (event instanceof Event.RunStarted) return "run_started";
        if (event instanceof Event.TurnStarted) return "turn_started";
        if (event instanceof Event.ModelCallStarted) return "model_call_started";
        if (event instanceof Event.ModelCallFinished) return "model_call_finished";
        if (event instanceof Event.ModelCallFailed) return "model_call_failed";
        if (event instanceof Event.AttemptFailed) return "attempt_failed";
        if (event instanceof Event.TextDelta) return "text_delta";
        if (event instanceof Event.ToolCalled) return "tool_called";
        if (event instanceof Event.ApprovalRequested) return "approval_requested";
        if (event instanceof Event.ApprovalDecided) return "approval_decided";
        if (event instanceof Event.ToolReturned) return "tool_returned";
        if (event instanceof Event.LinkStarted) return "link_started";
        if (event instanceof Event.LinkFinished) return "link_finished";
        if (event instanceof Event.ChainNote) return "chain_note";
        if (event instanceof Event.RunFinished) return "run_finished";
        throw new IllegalArgumentException(
                "not an event Marble knows: " + event.getClass().getName());
    }

    /**
     * The {@code usage} object, the same in every JSON output (events, {@code pipe --json}, {@code logs --json}):
     * the four token counts, none ever left out.
     */
    public static ObjectNode usage(Usage usage) {
        ObjectNode out = Json.object();
        out.put("input_tokens", usage.inputTokens());
        out.put("output_tokens", usage.outputTokens());
        out.put("cache_read_tokens", usage.cacheReadTokens());
        out.put("cache_write_tokens", usage.cacheWriteTokens());
        return out;
    }

    /** {@code cost_usd} (null when unknown, never left out) and {@code cost_source}, as every output writes them. */
    public static void cost(ObjectNode out, Cost cost) {
        if (cost.known()) out.put("cost_usd", cost.usd());
        else out.putNull("cost_usd");
        out.put("cost_source", cost.source().name().toLowerCase(Locale.ROOT));
    }
}
