package dev.marble.store;

import dev.marble.json.Json;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One model call as the journal keeps it, its JSON already redacted. The request is kept in parts
 * (system prompt, tools, options, each message) because the journal stores each part once, however
 * many calls send it again; {@link #requestJson()} and {@link #responseJson()} put them back
 * together. {@code costUsd} is null when the price is unknown.
 */
public record CallRecord(
        String id,
        String runId,
        String startedAt,
        String provider,
        String model,
        String modelUsed,
        String status,
        String system,
        String toolsJson,
        String optionsJson,
        List<String> messageJsons,
        String responseMessageJson,
        String responseMetaJson,
        Long inputTokens,
        Long outputTokens,
        Long cacheReadTokens,
        Long cacheWriteTokens,
        Double costUsd,
        String costSource,
        long latencyMs,
        int retries,
        String attemptsJson,
        String error) {

    public CallRecord {
        messageJsons = List.copyOf(messageJsons);
    }

    /** The request as Marble's provider-neutral JSON: system, messages, tools, options. */
    public String requestJson() {
        ObjectNode request = Json.object();
        if (system != null) request.put("system", system);
        ArrayNode messages = request.putArray("messages");
        messageJsons.forEach(message -> messages.add(Json.parse(message)));
        if (toolsJson != null) request.set("tools", Json.parse(toolsJson));
        if (optionsJson != null) request.set("options", Json.parse(optionsJson));
        return Json.write(request);
    }

    /** The response message with its stop reason, model, id and session; null for a failed call. */
    public String responseJson() {
        if (responseMessageJson == null) return null;
        ObjectNode response = (ObjectNode) Json.parse(responseMessageJson);
        if (responseMetaJson != null) response.setAll((ObjectNode) Json.parse(responseMetaJson));
        return Json.write(response);
    }
}
