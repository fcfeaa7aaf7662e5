package dev.marble.cli;

import dev.marble.json.Json;
import dev.marble.store.Totals;
import tools.jackson.databind.node.ObjectNode;

/** The totals of the calls below a run, a link or a round, as a person and as JSON read them. */
final class TotalsText {

    private TotalsText() {}

    /** {@code 1,234 tokens  $0.42}; {@code $0.42 + ? (no price for ollama:qwen3)} when a model had no price. */
    static String of(Totals totals) {
        if (totals == null) return "? tokens  $?";
        return Words.count(totals.tokens(), "token") + "  " + cost(totals);
    }

    static String cost(Totals totals) {
        if (totals == null) return "$?";
        String dollars = Words.dollars(totals.costUsd());
        return totals.costKnown() ? dollars : dollars + " + ? (no price for " + totals.unpricedModels() + ")";
    }

    /** The totals as the JSON outputs write them: a {@code usage} object, dollars and the unpriced models. */
    static ObjectNode json(Totals totals) {
        ObjectNode node = Json.object();
        node.put("calls", totals.calls());
        ObjectNode usage = node.putObject("usage");
        usage.put("input_tokens", totals.inputTokens());
        usage.put("output_tokens", totals.outputTokens());
        usage.put("cache_read_tokens", totals.cacheReadTokens());
        usage.put("cache_write_tokens", totals.cacheWriteTokens());
        node.put("cost_usd", totals.costUsd());
        node.put("cost_known", totals.costKnown());
        var unpriced = node.putArray("unpriced_models");
        totals.unpriced().forEach(unpriced::add);
        return node;
    }
}
