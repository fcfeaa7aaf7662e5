package dev.marble.chain.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.json.Json;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WebhookNotifierTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    /** Webhook URLs often carry their secret in the path (Slack, Discord): it must never reach an error. */
    private static final String SECRET_PATH = "/hooks/T000/B000/secret-path-part";

    @AfterAll
    static void closeClient() {
        CLIENT.close();
    }

    @Test
    void postsTheUpdateAsSnakeCaseJsonWithTheConfiguredHeaders() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            Instant before = Instant.now();
            new WebhookNotifier(
                            CLIENT,
                            receiver.url(SECRET_PATH),
                            Map.of("Authorization", "Bearer hook-secret", "X-Chain", "research"))
                    .send(Updates.shutdown());
            Receiver.Request request = receiver.requests().getFirst();
            assertThat(request.path()).isEqualTo(SECRET_PATH);
            assertThat(request.header("authorization")).isEqualTo("Bearer hook-secret");
            assertThat(request.header("x-chain")).isEqualTo("research");
            assertThat(request.header("content-type")).isEqualTo("application/json");
            JsonNode body = Json.parse(request.body());
            assertThat(body.get("event").asString()).isEqualTo("shutdown");
            assertThat(body.get("chain").asString()).isEqualTo("research");
            assertThat(body.get("round").asInt()).isEqualTo(3);
            assertThat(body.get("runtime_seconds").asDouble()).isEqualTo(5400.0);
            assertThat(body.get("status").asString()).isEqualTo("STOPPED");
            assertThat(body.get("detail").asString()).isEqualTo("MAX_ROUNDS: 3/3");
            assertThat(body.get("link").asString()).isEqualTo("reviewer");
            assertThat(body.get("cost_usd").decimalValue()).isEqualByComparingTo("1.2345");
            assertThat(body.get("text").asString()).isEqualTo(UpdateText.of(Updates.shutdown()));
            assertThat(Instant.parse(body.get("sent_at").asString())).isAfterOrEqualTo(before.minusSeconds(1));
        }
    }

    @Test
    void absentValuesAreNullNotMissing() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            new WebhookNotifier(CLIENT, receiver.url("/"), Map.of()).send(Updates.linkDone("worker"));
            JsonNode body = Json.parse(receiver.requests().getFirst().body());
            assertThat(body.get("event").asString()).isEqualTo("link_done");
            assertThat(body.has("detail")).isTrue();
            assertThat(body.get("detail").isNull()).isTrue();
            assertThat(body.get("cost_usd").isNull()).isTrue();
        }
    }

    @Test
    void a5xxIsRetriedOnce() throws Exception {
        try (Receiver receiver = Receiver.start(503)) {
            new WebhookNotifier(CLIENT, receiver.url("/"), Map.of()).send(Updates.shutdown());
            assertThat(receiver.requests()).hasSize(2);
        }
        try (Receiver receiver = Receiver.start(500, 502)) {
            assertThatThrownBy(() ->
                            new WebhookNotifier(CLIENT, receiver.url(SECRET_PATH), Map.of()).send(Updates.shutdown()))
                    .isInstanceOf(NotifyException.class)
                    .hasMessage(
                            "webhook: POST to 127.0.0.1 failed after 2 attempts: HTTP 502: {\"error\": \"status 502\"}");
            assertThat(receiver.requests()).hasSize(2);
        }
    }

    @Test
    void a4xxIsNotRetried() {
        try (Receiver receiver = Receiver.start(403)) {
            assertThatThrownBy(() ->
                            new WebhookNotifier(CLIENT, receiver.url(SECRET_PATH), Map.of()).send(Updates.shutdown()))
                    .hasMessage("webhook: POST to 127.0.0.1 failed: HTTP 403: {\"error\": \"status 403\"}");
            assertThat(receiver.requests()).hasSize(1);
        }
    }

    @Test
    void aConnectionErrorIsRetriedOnceAndNamesTheHostOnly() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + SECRET_PATH);
        assertThatThrownBy(() -> new WebhookNotifier(CLIENT, url, Map.of()).send(Updates.shutdown()))
                .hasMessageStartingWith(
                        "webhook: POST to 127.0.0.1 failed after 2 attempts: cannot connect to 127.0.0.1:" + port)
                .hasMessageNotContaining("secret-path-part");
    }

    @Test
    void headersTheClientCannotSendAndNonHttpUrlsAreRefusedAtOnce() {
        assertThatThrownBy(() -> new WebhookNotifier(CLIENT, URI.create("http://127.0.0.1/"), Map.of("Host", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("header \"Host\" cannot be sent");
        assertThatThrownBy(() -> new WebhookNotifier(CLIENT, URI.create("file:///etc/passwd"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http:// or https://");
    }
}
