package dev.marble.testkit;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** OpenAI Chat Completions: {@code POST <basePath>/chat/completions}. */
final class OpenAiWire implements WireFormat {
    private final String basePath;
    private final OpenAiRequestReader reader = new OpenAiRequestReader();
    private final OpenAiValidator validator = new OpenAiValidator();
    private final OpenAiRenderer renderer = new OpenAiRenderer();

    /** {@code basePath} such as "/v1" or "/compat/v1"; a trailing slash is dropped. */
    OpenAiWire(String basePath) {
        String path = basePath.startsWith("/") ? basePath : "/" + basePath;
        this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Override
    public String baseUrl(int port) {
        return "http://127.0.0.1:" + port + basePath;
    }

    @Override
    public boolean isEndpoint(RawRequest request) {
        return request.method().equals("POST") && request.path().equals(basePath + "/chat/completions");
    }

    @Override
    public SeenRequest read(RawRequest request, JsonNode body) {
        return reader.read(request, body);
    }

    @Override
    public FakeReply.HttpError notFound(RawRequest request) {
        return FakeReply.error(
                404, "invalid_request_error", "Invalid URL (" + request.method() + " " + request.path() + ")");
    }

    @Override
    public FakeReply.HttpError checkKey(Map<String, String> headers, String key) {
        String authorization = headers.get("authorization");
        if (authorization == null) {
            return FakeReply.error(
                    401,
                    "invalid_request_error",
                    "You didn't provide an API key. You need to provide "
                            + "your API key in an Authorization header using Bearer auth (i.e. Authorization: "
                            + "Bearer YOUR_KEY).");
        }
        return authorization.equals("Bearer " + key)
                ? null
                : FakeReply.error(401, "invalid_request_error", "Incorrect API key provided.");
    }

    @Override
    public FakeReply.HttpError validate(RawRequest request, JsonNode body) {
        String problem = validator.problem(body);
        return problem == null ? null : FakeReply.error(400, "invalid_request_error", problem);
    }

    @Override
    public Map<String, String> responseHeaders() {
        return Map.of("x-request-id", WireIds.of("req_", 32));
    }

    @Override
    public byte[] errorBody(String type, String message) {
        return renderer.error(type, message);
    }

    @Override
    public byte[] answerJson(FakeReply.Answer answer, JsonNode requestBody) {
        return renderer.completion(answer, model(requestBody));
    }

    @Override
    public SseStream answerStream(FakeReply.Answer answer, JsonNode requestBody) {
        boolean includeUsage = requestBody != null
                && requestBody.path("stream_options").path("include_usage").asBoolean(false);
        return renderer.stream(answer, model(requestBody), includeUsage);
    }

    private static String model(JsonNode body) {
        String model = Json.string(body, "model");
        return model == null ? "unknown" : model;
    }
}
