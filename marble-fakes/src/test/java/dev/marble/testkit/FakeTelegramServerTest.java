package dev.marble.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The fake refuses what the Bot API refuses, in the same words, and plays the faults it is told to. */
class FakeTelegramServerTest {
    private static final String TOKEN = "123456:test-token-for-the-fake";
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterAll
    static void closeClient() {
        CLIENT.close();
    }

    @Test
    void acceptsAJsonSendMessageAndRecordsIt() throws Exception {
        try (FakeTelegramServer server = FakeTelegramServer.start(TOKEN)) {
            HttpResponse<String> response =
                    post(server, "/bot" + TOKEN + "/sendMessage", "{\"chat_id\": 4711, \"text\": \"hello\"}");
            JsonNode body = Json.parse(response.body());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(body.get("ok").asBoolean()).isTrue();
            assertThat(body.get("result").get("chat").get("id").asLong()).isEqualTo(4711);
            assertThat(body.get("result").get("text").asString()).isEqualTo("hello");
            assertThat(server.messages()).containsExactly(new FakeTelegramServer.SentMessage("4711", "hello"));
        }
    }

    @Test
    void aWrongTokenIsUnauthorizedBeforeAnythingElseIsChecked() throws Exception {
        try (FakeTelegramServer server = FakeTelegramServer.start(TOKEN)) {
            server.tooManyRequests(1, 3); // must not be used up by an unauthorised request
            HttpResponse<String> response = post(server, "/bot999:wrong/sendMessage", "{}");
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(Json.parse(response.body()).toString())
                    .isEqualTo("{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
            assertThat(server.requests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.tokenValid()).isFalse());
            assertThat(post(server, "/bot" + TOKEN + "/sendMessage", "{}").statusCode())
                    .isEqualTo(429);
        }
    }

    @Test
    void sendMessageNeedsAChatAndOneTo4096Characters() throws Exception {
        try (FakeTelegramServer server = FakeTelegramServer.start(TOKEN)) {
            String path = "/bot" + TOKEN + "/sendMessage";
            assertThat(description(post(server, path, "{\"text\": \"hi\"}")))
                    .isEqualTo("Bad Request: chat_id is empty");
            assertThat(description(post(server, path, "{\"chat_id\": \"1\", \"text\": \"  \"}")))
                    .isEqualTo("Bad Request: message text is empty");
            assertThat(description(post(server, path, "{\"chat_id\": \"1\", \"text\": \"" + "x".repeat(4097) + "\"}")))
                    .isEqualTo("Bad Request: message is too long");
            assertThat(post(server, path, "{\"chat_id\": \"1\", \"text\": \"" + "x".repeat(4096) + "\"}")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(server.messages()).hasSize(1);
        }
    }

    @Test
    void readsParametersFromAFormBodyAndRefusesUnknownChatsWhenToldTo() throws Exception {
        try (FakeTelegramServer server = FakeTelegramServer.start(TOKEN).onlyChat("42")) {
            HttpRequest form = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/bot" + TOKEN + "/sendMessage"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("chat_id=42&text=a%20b%26c"))
                    .build();
            assertThat(CLIENT.send(form, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
            assertThat(description(
                            post(server, "/bot" + TOKEN + "/sendMessage", "{\"chat_id\": \"7\", \"text\": \"x\"}")))
                    .isEqualTo("Bad Request: chat not found");
            assertThat(server.messages()).containsExactly(new FakeTelegramServer.SentMessage("42", "a b&c"));
        }
    }

    @Test
    void playsRateLimitsAndServerErrorsThenRecovers() throws Exception {
        try (FakeTelegramServer server =
                FakeTelegramServer.start(TOKEN).tooManyRequests(1, 7).serverError(1)) {
            String path = "/bot" + TOKEN + "/sendMessage";
            String message = "{\"chat_id\": \"1\", \"text\": \"x\"}";
            HttpResponse<String> limited = post(server, path, message);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(Json.parse(limited.body())
                            .get("parameters")
                            .get("retry_after")
                            .asInt())
                    .isEqualTo(7);
            assertThat(description(limited)).isEqualTo("Too Many Requests: retry after 7");
            assertThat(post(server, path, message).statusCode()).isEqualTo(500);
            assertThat(post(server, path, message).statusCode()).isEqualTo(200);
            assertThat(server.requests())
                    .extracting(FakeTelegramServer.Received::status)
                    .containsExactly(429, 500, 200);
            assertThat(server.messages()).hasSize(1);
        }
    }

    @Test
    void unknownPathsAndMethodsAreNotFound() throws Exception {
        try (FakeTelegramServer server = FakeTelegramServer.start(TOKEN)) {
            assertThat(post(server, "/sendMessage", "{}").statusCode()).isEqualTo(404);
            assertThat(post(server, "/bot" + TOKEN + "/sendPigeon", "{}").statusCode())
                    .isEqualTo(404);
            assertThat(post(server, "/bot" + TOKEN + "/getMe", "{}").statusCode())
                    .isEqualTo(200);
        }
    }

    private static HttpResponse<String> post(FakeTelegramServer server, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String description(HttpResponse<String> response) {
        return Json.parse(response.body()).get("description").asString();
    }
}
