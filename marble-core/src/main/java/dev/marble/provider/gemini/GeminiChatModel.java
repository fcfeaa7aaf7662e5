package dev.marble.provider.gemini;

import dev.marble.config.Version;
import dev.marble.error.ModelException;
import dev.marble.json.Json;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.ModelRef;
import dev.marble.model.StreamListener;
import dev.marble.provider.ChatModel;
import dev.marble.provider.http.HttpTransport;
import dev.marble.provider.http.JsonExchange;
import dev.marble.provider.http.SseReader;
import dev.marble.secret.SecretRedactor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Google's Gemini API over the JDK HttpClient: {@code POST <base>/models/MODEL:generateContent}, or
 * {@code :streamGenerateContent?alt=sse} when the caller listens for deltas. The key goes in the
 * {@code x-goog-api-key} header, never in the URL (where the API also accepts it), so that it cannot end up in a
 * log line that quotes the URL.
 */
public final class GeminiChatModel implements ChatModel {

    private final ModelRef ref;
    private final URI wholeEndpoint;
    private final URI streamEndpoint;
    private final JsonExchange.Headers headers;
    private final HttpTransport http;
    private final Duration defaultTimeout;
    private final SecretRedactor redactor;

    /**
     * @param baseUrl  up to and including the version; null for Google's own, {@link GeminiProviderFactory#OFFICIAL_BASE_URL}
     * @param apiKey   null for a server that needs none (a fake on loopback)
     * @param redactor what hides the key (and every other secret) in the API's error messages
     */
    public GeminiChatModel(
            ModelRef ref,
            String baseUrl,
            String apiKey,
            HttpTransport http,
            Duration defaultTimeout,
            SecretRedactor redactor) {
        this.ref = Objects.requireNonNull(ref);
        String given = baseUrl == null ? GeminiProviderFactory.OFFICIAL_BASE_URL : baseUrl;
        String base = given.endsWith("/") ? given.substring(0, given.length() - 1) : given;
        // "models/gemini-2.5-flash" is the API's own resource name for "gemini-2.5-flash": either may be written.
        String id = ref.model().startsWith("models/") ? ref.model().substring("models/".length()) : ref.model();
        String model = URLEncoder.encode(id, StandardCharsets.UTF_8);
        this.wholeEndpoint = URI.create(base + "/models/" + model + ":generateContent");
        this.streamEndpoint = URI.create(base + "/models/" + model + ":streamGenerateContent?alt=sse");
        Map<String, String> h = new LinkedHashMap<>();
        if (apiKey != null) h.put("x-goog-api-key", apiKey);
        h.put("user-agent", "marble/" + Version.VERSION);
        this.headers = JsonExchange.Headers.of(h);
        this.http = http;
        this.defaultTimeout = defaultTimeout;
        this.redactor = redactor;
    }

    @Override
    public ModelRef ref() {
        return ref;
    }

    @Override
    public ChatResponse chat(ChatRequest request, StreamListener listener) {
        boolean stream = listener.wantsDeltas();
        String body = Json.write(GeminiRequestBody.write(request));
        try {
            return JsonExchange.post(
                    http,
                    stream ? streamEndpoint : wholeEndpoint,
                    headers,
                    body,
                    request.attemptTimeout(defaultTimeout),
                    stream,
                    whole -> readWhole(whole, listener),
                    streamed -> readStream(streamed, listener));
        } catch (ModelException e) {
            throw GeminiErrors.clean(e, redactor);
        }
    }

    private ChatResponse readWhole(String text, StreamListener listener) {
        if (text.isBlank()) throw new ModelException(ModelException.Kind.INVALID_RESPONSE, "empty response body");
        GeminiAnswer answer = new GeminiAnswer(listener);
        answer.accept(GeminiWire.parse(text, "the response"));
        answer.requireCandidate();
        return answer.toResponse(ref);
    }

    private ChatResponse readStream(InputStream body, StreamListener listener) throws IOException {
        GeminiAnswer answer = new GeminiAnswer(listener);
        SseReader.consume(body, answer, answer::accept);
        if (!answer.finished()) {
            throw new ModelException(
                    ModelException.Kind.INVALID_RESPONSE, "incomplete stream: it ended before a finish reason");
        }
        return answer.toResponse(ref);
    }
}
