package dev.marble.testkit;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The Gemini API: {@code POST /v1beta/models/MODEL:generateContent}, and
 * {@code :streamGenerateContent?alt=sse} for a stream. The key goes in {@code x-goog-api-key} (or the
 * {@code key} query parameter, which the API also takes). Errors are Google's:
 * {@code {"error": {"code": STATUS, "message": ..., "status": TYPE}}}, the reply's type as the status.
 */
final class GeminiWire implements WireFormat {
    private static final String BASE_PATH = "/v1beta";
    private static final Pattern ENDPOINT =
            Pattern.compile(Pattern.quote(BASE_PATH) + "/models/([^/:]+):(generateContent|streamGenerateContent)");

    private final GeminiRequestReader reader = new GeminiRequestReader();
    private final GeminiValidator validator = new GeminiValidator();
    private final GeminiRenderer renderer = new GeminiRenderer();

    @Override
    public String baseUrl(int port) {
        return "http://127.0.0.1:" + port + BASE_PATH;
    }

    @Override
    public boolean isEndpoint(RawRequest request) {
        return request.method().equals("POST")
                && ENDPOINT.matcher(request.path()).matches();
    }

    @Override
    public SeenRequest read(RawRequest request, JsonNode body) {
        return reader.read(request, body);
    }

    @Override
    public FakeReply.HttpError notFound(RawRequest request) {
        String path = request.path();
        if (path.startsWith(BASE_PATH + "/models/")) {
            String model = path.substring((BASE_PATH + "/models/").length()).replaceFirst(":.*", "");
            return FakeReply.error(
                    404,
                    "NOT_FOUND",
                    "models/" + model + " is not found for API version v1beta, or is not supported for "
                            + "generateContent. Call ListModels to see the list of available models and their "
                            + "supported methods.");
        }
        return FakeReply.error(404, "NOT_FOUND", "Requested entity was not found.");
    }

    /**
     * A request without a key is refused as the API refuses it (403). A wrong key gets a 401 here, where the real
     * API answers 400 {@code API_KEY_INVALID} with the same message: the published contract suite checks every
     * provider's wrong-key failure as a 401 (Marble's Gemini provider treats both as an authentication failure).
     */
    @Override
    public FakeReply.HttpError checkKey(Map<String, String> headers, String key) {
        String given = headers.get("x-goog-api-key");
        if (given == null) {
            return FakeReply.error(
                    403,
                    "PERMISSION_DENIED",
                    "Method doesn't allow unregistered callers (callers without established identity). Please use"
                            + " API Key or other form of API consumer identity to call this API.");
        }
        return given.equals(key)
                ? null
                : FakeReply.error(401, "UNAUTHENTICATED", "API key not valid. Please pass a valid API key.");
    }

    @Override
    public FakeReply.HttpError validate(RawRequest request, JsonNode body) {
        if (request.path().endsWith(":streamGenerateContent")
                && !request.target().contains("alt=sse")) {
            // Without alt=sse the API streams one JSON array, a form this fake does not write.
            return FakeReply.error(
                    400, "INVALID_ARGUMENT", "fake Gemini server: streamGenerateContent is served with ?alt=sse only");
        }
        String problem = validator.problem(body);
        return problem == null ? null : FakeReply.error(400, "INVALID_ARGUMENT", problem);
    }

    @Override
    public Map<String, String> responseHeaders() {
        return Map.of("server", "scaffolding on HTTPServer2", "vary", "Origin, X-Origin, Referer");
    }

    @Override
    public byte[] errorBody(String type, String message) {
        return renderer.error(500, type, message);
    }

    @Override
    public byte[] errorBody(FakeReply.HttpError error) {
        return renderer.error(error.status(), error.type(), error.message());
    }

    @Override
    public byte[] answerJson(FakeReply.Answer answer, JsonNode requestBody) {
        return renderer.response(answer, "gemini-unknown");
    }

    @Override
    public SseStream answerStream(FakeReply.Answer answer, JsonNode requestBody) {
        return renderer.stream(answer, "gemini-unknown");
    }

    @Override
    public byte[] answerJson(FakeReply.Answer answer, SeenRequest request) {
        return renderer.response(answer, model(request));
    }

    @Override
    public SseStream answerStream(FakeReply.Answer answer, SeenRequest request) {
        return renderer.stream(answer, model(request));
    }

    /** The model is named in the path, not the body. */
    private static String model(SeenRequest request) {
        Matcher matcher = ENDPOINT.matcher(request.path());
        return matcher.matches() ? matcher.group(1) : "gemini-unknown";
    }
}
