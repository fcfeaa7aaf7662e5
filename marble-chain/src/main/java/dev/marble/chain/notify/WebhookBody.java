package dev.marble.chain.notify;

import dev.marble.json.Json;
import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON a webhook receives: the update's fields in snake_case, {@code event} as the kind in lower case,
 * the runtime in seconds (a number a script can compare, not an ISO-8601 {@code PT1H30M}), and {@code text},
 * the same words a Telegram message carries. Absent values are {@code null}, never left out, so every
 * payload has the same fields.
 */
final class WebhookBody {

    private WebhookBody() {}

    static String of(ChainUpdate update, Instant sentAt) {
        ObjectNode body = Json.object()
                .put("event", update.kind().name().toLowerCase(Locale.ROOT))
                .put("chain", update.chain())
                .put("round", update.round())
                .put("runtime_seconds", update.runtime().toMillis() / 1000.0)
                .put("status", update.status())
                .put("detail", update.detail())
                .put("link", update.link())
                .put("cost_usd", update.costUsd())
                .put("text", UpdateText.of(update))
                .put("sent_at", sentAt.toString());
        return Json.write(body);
    }
}
