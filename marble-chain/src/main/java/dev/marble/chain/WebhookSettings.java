package dev.marble.chain;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Marble's {@code webhook} object: where chain events are POSTed as JSON, with extra headers. */
public record WebhookSettings(URI url, Map<String, String> headers) {

    public WebhookSettings {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}
