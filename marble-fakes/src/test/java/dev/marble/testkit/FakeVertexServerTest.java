package dev.marble.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeVertexServerTest {

    private static final String MODEL_PATH =
            "/projects/proj-1/locations/europe-west1/publishers/anthropic/models/claude-sonnet-4-5@20250929";
    private static final String BODY = """
            {"anthropic_version":"vertex-2023-10-16","max_tokens":100,\
            "messages":[{"role":"user","content":"hello there"}]}""";

    private FakeAnthropicServer server;

    @BeforeEach
    void start() {
        server = FakeAnthropicServer.vertex("proj-1", "europe-west1", Set.of("ya29.good")::contains);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String path, String body, String token) throws Exception {
        return Wire.post(server.baseUrl() + path, body, "authorization", "Bearer " + token);
    }

    @Test
    void baseUrlEndsInV1() {
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/v1");
    }

    @Test
    void aVertexRequestIsAnsweredWithTheModelItsPathNames() throws Exception {
        HttpResponse<String> response = send(MODEL_PATH + ":rawPredict", BODY, "ya29.good");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Wire.json(response.body()).path("model").asString()).isEqualTo("claude-sonnet-4-5@20250929");
        assertThat(server.lastRequest().lastUserText()).isEqualTo("hello there");
    }

    @Test
    void aStreamedRequestGoesToStreamRawPredict() throws Exception {
        String streamed = BODY.replaceFirst("\\{", "{\"stream\":true,");
        assertThat(send(MODEL_PATH + ":streamRawPredict", streamed, "ya29.good")
                        .headers()
                        .firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(send(MODEL_PATH + ":rawPredict", streamed, "ya29.good").statusCode())
                .isEqualTo(400);
        assertThat(send(MODEL_PATH + ":streamRawPredict", BODY, "ya29.good").statusCode())
                .isEqualTo(400);
    }

    @Test
    void aBodyWithAModelOrWithoutTheVertexVersionIsRefused() throws Exception {
        HttpResponse<String> withModel =
                send(MODEL_PATH + ":rawPredict", BODY.replaceFirst("\\{", "{\"model\":\"claude\","), "ya29.good");
        HttpResponse<String> withoutVersion = send(
                MODEL_PATH + ":rawPredict",
                BODY.replace("\"anthropic_version\":\"vertex-2023-10-16\",", ""),
                "ya29.good");
        HttpResponse<String> apiVersion =
                send(MODEL_PATH + ":rawPredict", BODY.replace("vertex-2023-10-16", "2023-06-01"), "ya29.good");

        assertThat(withModel.statusCode()).isEqualTo(400);
        assertThat(withModel.body()).contains("model: Extra inputs are not permitted");
        assertThat(withoutVersion.statusCode()).isEqualTo(400);
        assertThat(apiVersion.statusCode()).isEqualTo(400);
    }

    @Test
    void aTokenTheGoogleServerDidNotIssueIsRefused() throws Exception {
        assertThat(send(MODEL_PATH + ":rawPredict", BODY, "ya29.stale").statusCode())
                .isEqualTo(401);
        assertThat(Wire.post(server.baseUrl() + MODEL_PATH + ":rawPredict", BODY)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void anotherProjectRegionOrTheAnthropicPathIsNotFound() throws Exception {
        assertThat(send(MODEL_PATH.replace("proj-1", "proj-2") + ":rawPredict", BODY, "ya29.good")
                        .statusCode())
                .isEqualTo(404);
        assertThat(send(MODEL_PATH.replace("europe-west1", "us-east5") + ":rawPredict", BODY, "ya29.good")
                        .statusCode())
                .isEqualTo(404);
        assertThat(Wire.post(
                                "http://127.0.0.1:" + server.port() + "/v1/messages",
                                BODY,
                                "authorization",
                                "Bearer ya29.good")
                        .statusCode())
                .isEqualTo(404);
    }
}
