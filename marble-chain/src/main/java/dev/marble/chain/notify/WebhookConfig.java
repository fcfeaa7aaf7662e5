package dev.marble.chain.notify;

import dev.marble.chain.ChainSpec;
import dev.marble.chain.WebhookSettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generic webhook: where to POST and which headers to send. The url and header values may hold
 * {@code ${VAR}}, taken from the environment when the chain starts, so secrets stay out of files.
 */
public record WebhookConfig(boolean enabled, String url, Map<String, String> headers) {

    public WebhookConfig {
        url = url == null ? "" : url.strip();
        // A LinkedHashMap copy keeps the file's order for messages; Map.copyOf would not.
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The chain file's {@code webhook} object; off when it has none. */
    public static WebhookConfig of(ChainSpec chain) {
        WebhookSettings own = chain.webhook();
        return own == null ? disabled() : new WebhookConfig(true, own.url().toString(), own.headers());
    }

    public static WebhookConfig disabled() {
        return new WebhookConfig(false, "", Map.of());
    }
}
