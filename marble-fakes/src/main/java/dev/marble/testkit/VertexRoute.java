package dev.marble.testkit;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Claude as Vertex AI serves it: {@code POST /v1/projects/P/locations/R/publishers/anthropic/models/M:rawPredict}
 * (or {@code :streamRawPredict}), a Messages API body without {@code model} and with
 * {@code anthropic_version: vertex-2023-10-16}, and a Google access token as bearer that {@code tokens} accepts.
 */
record VertexRoute(String project, String region, Predicate<String> tokens) {

    static final String BASE_PATH = "/v1";
    static final String ANTHROPIC_VERSION = "vertex-2023-10-16";

    private static final Pattern PATH = Pattern.compile(
            "/v1/projects/([^/]+)/locations/([^/]+)/publishers/anthropic/models/([^/:]+):(rawPredict|streamRawPredict)");

    /** The model the path names, or null when the path is not this project's and region's endpoint. */
    String model(RawRequest request) {
        Matcher m = PATH.matcher(request.path());
        if (!m.matches() || !m.group(1).equals(project) || !m.group(2).equals(region)) return null;
        return m.group(3);
    }

    /** What Vertex would refuse, in the order it checks (auth first), or null. */
    FakeReply.HttpError refusal(RawRequest request, JsonNode body, AnthropicValidator validator) {
        String authorization = request.header("authorization");
        if (authorization == null
                || !authorization.startsWith("Bearer ")
                || !tokens.test(authorization.substring("Bearer ".length()))) {
            return FakeReply.error(
                    401,
                    "authentication_error",
                    "Request had invalid authentication credentials. Expected OAuth 2 access token.");
        }
        String problem = problem(request, body, validator);
        return problem == null ? null : FakeReply.error(400, "invalid_request_error", problem);
    }

    private static String problem(RawRequest request, JsonNode body, AnthropicValidator validator) {
        if (body == null || !body.isObject()) {
            return "There was an error parsing the body of your request: the body must be a JSON object";
        }
        if (body.has("model")) return "model: Extra inputs are not permitted";
        if (!ANTHROPIC_VERSION.equals(Json.string(body, "anthropic_version"))) {
            return "anthropic_version: Input should be '" + ANTHROPIC_VERSION + "'";
        }
        boolean streamed = request.path().endsWith(":streamRawPredict");
        boolean streamFlag = body.path("stream").asBoolean(false);
        if (streamed != streamFlag) {
            return "stream: " + (streamed ? ":streamRawPredict" : ":rawPredict") + " with stream " + streamFlag;
        }
        return validator.messagesProblem(request, body);
    }
}
