package dev.marble.testkit;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Everything that differs between providers: which request is served, how it is read and checked, and how
 * replies and errors are written. Delivery (timing, framing, faults) is the same for all and lives elsewhere.
 */
sealed interface WireFormat permits AnthropicWire, OpenAiWire, GeminiWire {

    String baseUrl(int port);

    /** Whether this is the one endpoint the fake serves (method and path; the query string is ignored). */
    boolean isEndpoint(RawRequest request);

    /** What the request says, read leniently: works on invalid requests too. */
    SeenRequest read(RawRequest request, JsonNode body);

    /** The error for a request to any other endpoint. */
    FakeReply.HttpError notFound(RawRequest request);

    /** The 401 when the request does not carry {@code key}, or {@code null} when it does. */
    FakeReply.HttpError checkKey(Map<String, String> headers, String key);

    /** The 400 the real API would give, or {@code null} when the request is valid. */
    FakeReply.HttpError validate(RawRequest request, JsonNode body);

    /** Headers every response carries, such as a request id. */
    Map<String, String> responseHeaders();

    byte[] errorBody(String type, String message);

    /** The body of {@code error}; for formats whose error body carries the status too (Google's). */
    default byte[] errorBody(FakeReply.HttpError error) {
        return errorBody(error.type(), error.message());
    }

    /** The non-streamed answer; IllegalArgumentException when the answer cannot be expressed in this format. */
    byte[] answerJson(FakeReply.Answer answer, JsonNode requestBody);

    SseStream answerStream(FakeReply.Answer answer, JsonNode requestBody);

    /** The non-streamed answer to {@code request}; for formats that name the model in the path (Google's). */
    default byte[] answerJson(FakeReply.Answer answer, SeenRequest request) {
        return answerJson(answer, request.body());
    }

    /** The streamed answer to {@code request}; for formats that name the model in the path (Google's). */
    default SseStream answerStream(FakeReply.Answer answer, SeenRequest request) {
        return answerStream(answer, request.body());
    }
}
