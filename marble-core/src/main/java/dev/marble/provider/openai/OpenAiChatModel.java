package dev.marble.provider.openai;

import dev.marble.config.Version;
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
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI Chat Completions ({@code POST <base>/chat/completions}) over the JDK HttpClient, for
 * api.openai.com and every server that speaks the same protocol (Ollama, vLLM, llama.cpp server,
 * LM Studio, OpenRouter, …). The base URL includes the version path, as {@code OPENAI_BASE_URL} does.
 */
public final class OpenAiChatModel implements ChatModel {

    private final ModelRef ref;
    private final URI endpoint;
    private final JsonExchange.Headers headers;
    private final HttpTransport http;
    private final Duration defaultTimeout;
    private final boolean modernTokenLimit;

    public OpenAiChatModel(ModelRef ref, String baseUrl, String apiKey, HttpTransport http, Duration defaultTimeout) {
        this.ref = Objects.requireNonNull(ref);
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.endpoint = URI.create(base + "/chat/completions");
        Map<String, String> h = new LinkedHashMap<>();
        if (apiKey != null) h.put("authorization", "Bearer " + apiKey);
        h.put("user-agent", "marble/" + Version.VERSION);
        this.headers = JsonExchange.Headers.of(h);
        this.http = http;
        this.defaultTimeout = defaultTimeout;
        this.modernTokenLimit = "api.openai.com".equalsIgnoreCase(endpoint.getHost());
    }

    @Override
    public ModelRef ref() {
        return ref;
    }

    @Override
    public ChatResponse chat(ChatRequest request, StreamListener listener) {
        boolean stream = listener.wantsDeltas();
        String body = Json.write(OpenAiRequestBody.write(request, ref.model(), stream, modernTokenLimit));
        Duration timeout = request.attemptTimeout(defaultTimeout);
        return JsonExchange.post(
                http,
                endpoint,
                headers,
                body,
                timeout,
                stream,
                whole -> readWhole(whole, listener),
                streamed -> readStream(streamed, listener));
    }

    private ChatResponse readWhole(String text, StreamListener listener) {
        if (text.isBlank()) throw new ModelException(ModelException.Kind.INVALID_RESPONSE, "empty response body");
        JsonNode json = OpenAiWire.parse(text, "the response");
        if (json.path("error").isObject()) throw OpenAiWire.streamError(json.path("error"));
        JsonNode choice = json.path("choices").path(0);
        if (!choice.isObject())
            throw new ModelException(ModelException.Kind.INVALID_RESPONSE, "response has no choices");
        JsonNode message = choice.path("message");
        List<Part> parts = new ArrayList<>();
        String reasoning = OpenAiWire.reasoning(message);
        if (reasoning != null && !reasoning.isEmpty()) parts.add(new Part.Reasoning(reasoning, null, null));
        String content = Json.text(message, "content");
        if (content != null && !content.isEmpty()) {
            parts.add(new Part.Text(content));
            listener.onText(content);
        }
        String refusal = Json.text(message, "refusal");
        if (refusal != null && !refusal.isEmpty()) parts.add(new Part.Text(refusal));
        int n = 0;
        for (JsonNode call : message.path("tool_calls")) {
            n++;
            JsonNode function = call.path("function");
            Part.ToolCall toolCall = new Part.ToolCall(
                    Json.text(call, "id", "call_" + n),
                    Json.text(function, "name", ""),
                    OpenAiWire.arguments(Json.text(function, "arguments")));
            listener.onToolCall(toolCall);
            parts.add(toolCall);
        }
        String finish = Json.text(choice, "finish_reason");
        return new ChatResponse(
                new Message(Role.ASSISTANT, parts),
                OpenAiWire.stopReason(finish),
                finish,
                OpenAiWire.usage(json.path("usage")),
                ref.withModel(Json.text(json, "model")),
                Json.text(json, "id"),
                null,
                null,
                null);
    }

    private ChatResponse readStream(InputStream body, StreamListener listener) throws IOException {
        OpenAiStreamAccumulator answer = new OpenAiStreamAccumulator(listener);
        SseReader.consume(body, answer, answer::accept);
        if (!answer.finished()) {
            throw new ModelException(
                    ModelException.Kind.INVALID_RESPONSE,
                    "incomplete stream: it ended before a finish reason or [DONE]");
        }
        return answer.toResponse(ref);
    }
}
