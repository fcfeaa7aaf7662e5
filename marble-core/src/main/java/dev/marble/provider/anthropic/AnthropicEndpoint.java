package dev.marble.provider.anthropic;

import dev.marble.config.Version;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a Messages API body goes and how it is authenticated: Anthropic's own {@code /v1/messages}, or a cloud
 * that serves the same body under its own URL and auth (Claude on Vertex AI). The wire format (the body, the
 * stream, the answer) is the same everywhere, so {@link AnthropicChatModel} keeps it and asks this for the rest.
 */
public interface AnthropicEndpoint {

    /** The URL to post to, which for some clouds names the model and says whether the answer is streamed. */
    URI uri(String model, boolean stream);

    /**
     * The headers every call carries, authentication included; asked on each call, so a short-lived token can be
     * refreshed between calls.
     */
    Map<String, String> headers();

    /** Changes the body as this endpoint wants it (where the model and API version go); nothing by default. */
    default void adapt(ObjectNode body) {}

    /**
     * Anthropic's API, or a server that speaks it, at {@code baseUrl}.
     *
     * @param credentials header name and value that authenticate ({@code x-api-key} or {@code authorization});
     *                    empty for servers that need none
     */
    static AnthropicEndpoint messagesApi(String baseUrl, Map<String, String> credentials) {
        URI uri = URI.create(AnthropicChatModel.stripSlash(baseUrl) + "/v1/messages");
        var all = new LinkedHashMap<String, String>(credentials);
        all.put("anthropic-version", AnthropicChatModel.API_VERSION);
        all.put("user-agent", userAgent());
        Map<String, String> headers = Map.copyOf(all);
        return new AnthropicEndpoint() {
            @Override
            public URI uri(String model, boolean stream) {
                return uri;
            }

            @Override
            public Map<String, String> headers() {
                return headers;
            }
        };
    }

    static String userAgent() {
        return "marble/" + Version.VERSION;
    }
}
