package dev.marble.testkit;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The Anthropic Messages API: {@code POST /v1/messages}, any query string (such as {@code ?beta=true}). */
final class AnthropicWire implements WireFormat {
    private final AnthropicRequestReader reader = new AnthropicRequestReader();
    private final AnthropicServedBlocks served = new AnthropicServedBlocks();
    private final AnthropicValidator validator = new AnthropicValidator(served);
    private final AnthropicRenderer renderer = new AnthropicRenderer(served);

    @Override
    public String baseUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public boolean isEndpoint(RawRequest request) {
        return request.method().equals("POST") && request.path().equals("/v1/messages");
    }

    @Override
    public SeenRequest read(RawRequest request, JsonNode body) {
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

    private static String model(JsonNode body) {
        String model = Json.string(body, "model");
        return model == null ? "claude-unknown" : model;
    }
}
