package dev.marble.provider.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One JSON call to a model API, as both HTTP providers make it: post the body, fail on an error
 * status with the API's own message, and read the answer whole or as a server-sent event stream,
 * all under one {@link CallDeadline}. A server that answers a streaming request with plain JSON
 * (some proxies and mocks do) is read whole.
 */
public final class JsonExchange {

    /** Reads a streamed body to the end. */
    @FunctionalInterface
    public interface StreamReader<T> {
        T read(InputStream body) throws IOException;
    }

    private JsonExchange() {}

    /** A provider's fixed headers, with the {@code accept} header each kind of call sends; made once. */
    public record Headers(Map<String, String> whole, Map<String, String> streamed) {
        public static Headers of(Map<String, String> common) {
            Map<String, String> whole = new LinkedHashMap<>(common);
            whole.put("accept", "application/json");
            Map<String, String> streamed = new LinkedHashMap<>(common);
            streamed.put("accept", "text/event-stream");
            return new Headers(Map.copyOf(whole), Map.copyOf(streamed));
        }
    }

    public static <T> T post(
            HttpTransport http,
            URI endpoint,
            Headers headers,
            String body,
            Duration timeout,
            boolean stream,
            Function<String, T> whole,
            StreamReader<T> streamed) {
        Map<String, String> all = stream ? headers.streamed() : headers.whole();
        CallDeadline deadline = CallDeadline.start(timeout);
        try {
            if (!stream) {
                HttpTransport.WholeResponse response = http.postJsonForWhole(endpoint, all, body, deadline);
                if (response.status() / 100 != 2) {
                    throw HttpErrors.fromStatus(response.status(), response.headers(), response.body());
                }
                return whole.apply(response.body());
            }
            try (HttpTransport.OpenResponse response = http.postJson(endpoint, all, body, deadline)) {
                if (response.status() / 100 != 2) {
                    throw HttpErrors.fromStatus(response.status(), response.headers(), response.bodyText());
                }
                boolean sse =
                        response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream");
                return sse ? streamed.read(response.body()) : whole.apply(response.bodyText());
            } catch (IOException e) {
                throw HttpTransport.failure(e, deadline, endpoint);
            }
        } finally {
            deadline.close();
        }
    }
}
