package dev.marble.testkit;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The Anthropic Messages API: {@code POST /v1/messages}, any query string (such as {@code ?beta=true}); or, given a
 * {@link VertexRoute}, the same API as Vertex AI serves it.
 */
final class AnthropicWire implements WireFormat {
    private final AnthropicRequestReader reader = new AnthropicRequestReader();
    private final AnthropicServedBlocks served = new AnthropicServedBlocks();
    private final AnthropicValidator validator = new AnthropicValidator(served);
    private final AnthropicRenderer renderer = new AnthropicRenderer(served);
    /** Null for Anthropic's own API. */
    private final VertexRoute vertex;

    private final ThreadLocal<String> vertexModel = new ThreadLocal<>();

    AnthropicWire() {
        this(null);
    }

    AnthropicWire(VertexRoute vertex) {
        this.vertex = vertex;
    }

    @Override
    public String baseUrl(int port) {
        return "http://127.0.0.1:" + port + (vertex == null ? "" : VertexRoute.BASE_PATH);
    }

    @Override
    public boolean isEndpoint(RawRequest request) {
        if (vertex != null) return request.method().equals("POST") && vertex.model(request) != null;
        return request.method().equals("POST") && request.path().equals("/v1/messages");
    }

    @Override
    public SeenRequest read(RawRequest request, JsonNode body) {
        if (vertex != null) vertexModel.set(vertex.model(request));
        return reader.read(request, body);
    }

    @Override
    public FakeReply.HttpError notFound(RawRequest request) {
        return FakeReply.error(404, "not_found_error", "Not Found");
    }

    @Override
    public FakeReply.HttpError checkKey(Map<String, String> headers, String key) {
        String apiKey = headers.get("x-api-key");
        String authorization = headers.get("authorization");
        if (apiKey == null && authorization == null) {
            return FakeReply.error(401, "authentication_error", "x-api-key header is required");
        }
        boolean matches = key.equals(apiKey) || ("Bearer " + key).equals(authorization);
        return matches ? null : FakeReply.error(401, "authentication_error", "invalid x-api-key");
    }

    @Override
    public FakeReply.HttpError validate(RawRequest request, JsonNode body) {
        if (vertex != null) return vertex.refusal(request, body, validator);
        String problem = validator.problem(request, body);
        return problem == null ? null : FakeReply.error(400, "invalid_request_error", problem);
    }

    @Override
    public Map<String, String> responseHeaders() {
        return Map.of("request-id", WireIds.of("req_01", 22));
    }

    @Override
    public byte[] errorBody(String type, String message) {
        return renderer.error(type, message);
    }

    @Override
    public byte[] answerJson(FakeReply.Answer answer, JsonNode requestBody) {
        return renderer.message(answer, model(requestBody));
    }

    @Override
    public SseStream answerStream(FakeReply.Answer answer, JsonNode requestBody) {
        return renderer.stream(answer, model(requestBody));
    }

    /**
     * Vertex names the model in the URL, which the renderer is not given: {@link #read} notes it for the connection's
     * thread, which reads, checks and answers one request after another.
     */
    private String model(JsonNode body) {
        String model = vertex != null ? vertexModel.get() : Json.string(body, "model");
        return model == null ? "claude-unknown" : model;
    }
}
