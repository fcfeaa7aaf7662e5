package dev.marble.cli;

import dev.marble.error.ModelCallFailedException;
import dev.marble.event.EventJson;
import dev.marble.json.Json;
import dev.marble.model.ChatResponse;
import dev.marble.model.ConversationJson;
import dev.marble.secret.SecretRedactor;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

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
        out.set("usage", EventJson.usage(response.usage()));
        EventJson.cost(out, response.cost());
        out.put("retries", response.retries());
        out.set("attempts", ConversationJson.attempts(response.attempts(), redactor::redact));
        out.put("session_id", response.sessionId());
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
