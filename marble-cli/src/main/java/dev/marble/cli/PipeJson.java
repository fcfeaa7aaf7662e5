package dev.marble.cli;

import dev.marble.error.ModelCallFailedException;
import dev.marble.json.Json;
import dev.marble.model.ChatResponse;
import dev.marble.model.ConversationJson;
import dev.marble.secret.SecretRedactor;
import tools.jackson.databind.node.ObjectNode;

import java.util.Locale;

/** The object {@code marble pipe --json} prints, on success and on failure. */
final class PipeJson {

    private PipeJson() {}

    static String success(ChatResponse response, ModelSelection selection, boolean replay, SecretRedactor redactor) {
        ObjectNode out = Json.object();
        out.put("answer", response.text());
        out.put("model", selection.primary().ref().toString());
        out.put("model_used", response.model().toString());
        out.put("replay", replay);
        out.put("stop_reason", response.stopReason().name().toLowerCase(Locale.ROOT));
        ObjectNode usage = out.putObject("usage");
        usage.put("input_tokens", response.usage().inputTokens());
        usage.put("output_tokens", response.usage().outputTokens());
        usage.put("cache_read_tokens", response.usage().cacheReadTokens());
        usage.put("cache_write_tokens", response.usage().cacheWriteTokens());
        if (response.cost().known()) out.put("cost_usd", response.cost().usd());
        else out.putNull("cost_usd");
        out.put("cost_source", response.cost().source().name().toLowerCase(Locale.ROOT));
        out.put("retries", response.retries());
        out.set("attempts", ConversationJson.attempts(response.attempts(), redactor::redact));
        if (response.sessionId() != null) out.put("session_id", response.sessionId());
        return Json.write(out);
    }

    static String failure(ModelCallFailedException failure, ModelSelection selection, SecretRedactor redactor) {
        ObjectNode out = Json.object();
        out.put("error", redactor.redact(failure.getMessage()));
        out.put("model", selection.primary().ref().toString());
        out.set("attempts", ConversationJson.attempts(failure.attempts(), redactor::redact));
        return Json.write(out);
    }
}
