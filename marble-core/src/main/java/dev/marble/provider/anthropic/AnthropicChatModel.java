package dev.marble.provider.anthropic;

import dev.marble.error.ModelException;
import dev.marble.json.Json;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.model.StreamListener;
import dev.marble.provider.ChatModel;
import dev.marble.provider.http.HttpTransport;
import dev.marble.provider.http.JsonExchange;
import dev.marble.provider.http.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Anthropic Messages API ({@code POST /v1/messages}) over the JDK HttpClient. Streams when the
 * caller listens for deltas, and returns the same whole response either way.
 */
public final class AnthropicChatModel implements ChatModel {

    static final String API_VERSION = "2023-06-01";

    private final ModelRef ref;
    private final AnthropicEndpoint endpoint;
    private final HttpTransport http;
    private final Duration defaultTimeout;

    /**
     * @param credentials header name and value that authenticate ({@code x-api-key} or
     *                    {@code authorization}); empty for servers that need none
     */
    public AnthropicChatModel(
            ModelRef ref,
            String baseUrl,
            Map<String, String> credentials,
            HttpTransport http,
            Duration defaultTimeout) {
        this(ref, AnthropicEndpoint.messagesApi(baseUrl, credentials), http, defaultTimeout);
    }

    /** The Messages API body at another {@code endpoint}: a cloud that serves Claude under its own URL and auth. */
    public AnthropicChatModel(ModelRef ref, AnthropicEndpoint endpoint, HttpTransport http, Duration defaultTimeout) {
        this.ref = Objects.requireNonNull(ref);
        this.endpoint = Objects.requireNonNull(endpoint);
        this.http = http;
        this.defaultTimeout = defaultTimeout;
    }

    @Override
    public ModelRef ref() {
        return ref;
    }

    @Override
    public ChatResponse chat(ChatRequest request, StreamListener listener) {
        boolean stream = listener.wantsDeltas();
        ObjectNode json = AnthropicRequestBody.write(request, ref.model(), stream);
        endpoint.adapt(json);
        String body = Json.write(json);
        Duration timeout = request.attemptTimeout(defaultTimeout);
        return JsonExchange.post(
                http,
                endpoint.uri(ref.model(), stream),
                headersFor(request),
                body,
                timeout,
                stream,
                whole -> readWhole(whole, listener),
                streamed -> readStream(streamed, listener));
    }

    /** The newer server tools are in beta: their requests carry the header that turns them on. */
    private JsonExchange.Headers headersFor(ChatRequest request) {
        JsonExchange.Headers headers = JsonExchange.Headers.of(endpoint.headers());
        String beta = AnthropicServerTools.betaHeader(request.options().serverTools());
        if (beta == null) return headers;
        return new JsonExchange.Headers(withBeta(headers.whole(), beta), withBeta(headers.streamed(), beta));
    }

    private static Map<String, String> withBeta(Map<String, String> headers, String beta) {
        var all = new LinkedHashMap<String, String>(headers);
        // an OAuth login already sends its own beta: both must reach the server, comma-separated
        all.merge("anthropic-beta", beta, (mine, theirs) -> mine + "," + theirs);
        return Map.copyOf(all);
    }

    private ChatResponse readWhole(String text, StreamListener listener) {
        if (text.isBlank()) throw new ModelException(ModelException.Kind.INVALID_RESPONSE, "empty response body");
        JsonNode json = AnthropicWire.parse(text, "the response");
        if ("error".equals(Json.text(json, "type"))) throw AnthropicWire.streamError(json);
        JsonNode content = json.path("content");
        if (!content.isArray()) {
            throw new ModelException(ModelException.Kind.INVALID_RESPONSE, "response has no content array");
        }
        List<Part> parts = new ArrayList<>();
        AnthropicServerTools.Pairing serverTools = new AnthropicServerTools.Pairing();
        for (JsonNode block : content) {
            if (AnthropicServerTools.isUse(block)) {
                serverTools.use(Json.text(block, "id", ""), Json.text(block, "name", ""), block.path("input"));
            } else if (AnthropicServerTools.isResult(block)) {
                listener.onServerTool(serverTools.result(block));
            }
            Part part = AnthropicWire.part(block);
            if (part == null) continue;
            parts.add(part);
            // A caller that listens gets the whole text at once when the server did not stream.
            if (part instanceof Part.Text t) listener.onText(t.text());
            if (part instanceof Part.ToolCall call) listener.onToolCall(call);
        }
        String stop = Json.text(json, "stop_reason");
        return new ChatResponse(
                new Message(Role.ASSISTANT, parts),
                AnthropicWire.stopReason(stop),
                stop,
                AnthropicWire.usage(json.path("usage")),
                ref.withModel(Json.text(json, "model")),
                Json.text(json, "id"),
                null,
                null,
                null);
    }

    private ChatResponse readStream(InputStream body, StreamListener listener) throws IOException {
        AnthropicStreamAccumulator answer = new AnthropicStreamAccumulator(listener);
        SseReader.consume(body, answer, answer::accept);
        if (!answer.complete()) throw AnthropicStreamAccumulator.incomplete("the stream ended before message_stop");
        return answer.toResponse(ref);
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
