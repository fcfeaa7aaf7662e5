package dev.marble.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/** {@link FakeModelServer#respondWith} and {@link FakeModelServer#withLatency}. */
class ResponderAndLatencyTest {

    /** Two tool calls, then the answer: what a run of three model calls sees. */
    private static final Function<SeenRequest, FakeReply> TWO_TOOLS_THEN_ANSWER = request -> {
        long results = request.messages().stream()
                .mapToLong(m -> m.toolResults().size())
                .sum();
        return results < 2
                ? FakeReply.toolCall("lookup", "{\"step\":" + results + "}")
                : FakeReply.text("done after " + results + " results");
    };

    private static String openAi(int toolResults) {
        StringBuilder messages = new StringBuilder("{\"role\":\"user\",\"content\":\"go\"}");
        for (int i = 0; i < toolResults; i++) {
            messages.append(",{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_")
                    .append(i)
                    .append("\",\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"arguments\":\"{}\"}}]}")
                    .append(",{\"role\":\"tool\",\"tool_call_id\":\"call_")
                    .append(i)
                    .append("\",\"content\":\"r\"}");
        }
        return "{\"model\":\"gpt-test\",\"messages\":[" + messages + "]}";
    }

    private static HttpResponse<String> send(FakeModelServer server, String body) throws Exception {
        return Wire.post(server.baseUrl() + "/chat/completions", body, "authorization", "Bearer sk-test");
    }

    private static JsonNode message(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return Wire.json(response.body()).get("choices").get(0).get("message");
    }

    @Test
    void computesEachReplyFromItsRequest() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(TWO_TOOLS_THEN_ANSWER);

            JsonNode first = message(send(server, openAi(0)));
            JsonNode second = message(send(server, openAi(1)));
            JsonNode third = message(send(server, openAi(2)));

            assertThat(first.get("tool_calls")
                            .get(0)
                            .get("function")
                            .get("arguments")
                            .asString())
                    .isEqualTo("{\"step\":0}");
            assertThat(second.get("tool_calls")
                            .get(0)
                            .get("function")
                            .get("arguments")
                            .asString())
                    .isEqualTo("{\"step\":1}");
            assertThat(third.get("content").asString()).isEqualTo("done after 2 results");
            assertThat(third.has("tool_calls")).isFalse();
        }
    }

    @Test
    void interleavedConversationsEachGetTheirOwnNextReply() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(TWO_TOOLS_THEN_ANSWER);
            // Out of order, as concurrent runs arrive: the reply follows the request, not the arrival order.
            int[] order = {2, 0, 1, 2, 0, 0, 1};
            for (int toolResults : order) {
                JsonNode message = message(send(server, openAi(toolResults)));
                assertThat(message.has("tool_calls")).isEqualTo(toolResults < 2);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void worksForBothWireFormatsStreamingOrNot(Provider provider) throws Exception {
        try (FakeModelServer server = provider.start()) {
            // One word, so that a stream carries it in one piece.
            server.respondWith(
                    request -> FakeReply.text("seen:" + request.lastUserText().replace(' ', '_')));
            for (boolean stream : List.of(false, true)) {
                HttpResponse<String> response =
                        Wire.post(provider.url(server), provider.body(stream), provider.headers());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("seen:ping_pong");
                if (stream) assertThat(response.body()).contains(provider.endMarker);
            }
        }
    }

    @Test
    void enqueuedRepliesComeFirstAndNullMeansTheEcho() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(request -> FakeReply.text("computed"));
            server.enqueue(FakeReply.error(429, "rate_limit_error", "slow down"));

            assertThat(send(server, openAi(0)).statusCode()).isEqualTo(429);
            assertThat(message(send(server, openAi(0))).get("content").asString())
                    .isEqualTo("computed");

            server.respondWith(request -> null);
            assertThat(message(send(server, openAi(0))).get("content").asString())
                    .isEqualTo("echo: go");
            server.respondWith(null);
            assertThat(message(send(server, openAi(0))).get("content").asString())
                    .isEqualTo("echo: go");
        }
    }

    @Test
    void aRefusedRequestNeverReachesTheResponder() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            List<SeenRequest> asked = Collections.synchronizedList(new ArrayList<>());
            server.respondWith(request -> {
                asked.add(request);
                return FakeReply.text("ok");
            });

            assertThat(send(server, "{\"messages\":[]}").statusCode()).isEqualTo(400);
            assertThat(asked).isEmpty();
            assertThat(server.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void aResponderThatThrowsGivesA500() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.respondWith(request -> {
                throw new IllegalStateException("responder bug");
            });

            HttpResponse<String> response = send(server, openAi(0));

            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).contains("responder bug");
        }
    }

    @Test
    void waitsTheLatencyBeforeEveryResponseRefusalsIncluded() throws Exception {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            send(server, openAi(0)); // connects, so the timings below are the latency alone
            server.withLatency(Duration.ofMillis(150));

            long start = System.nanoTime();
            assertThat(send(server, openAi(0)).statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));

            start = System.nanoTime();
            assertThat(send(server, "{\"messages\":[]}").statusCode()).isEqualTo(400);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));

            server.enqueue(FakeReply.text("late").withDelay(Duration.ofMillis(100)));
            start = System.nanoTime();
            send(server, openAi(0));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));

            server.withLatency(Duration.ZERO);
            start = System.nanoTime();
            send(server, openAi(0));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(150));
        }
    }

    @Test
    void latencyDelaysEachConnectionWithoutBlockingTheOthers() throws Exception {
        int concurrent = 50;
        Duration latency = Duration.ofMillis(400);
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            server.withLatency(latency).respondWith(TWO_TOOLS_THEN_ANSWER).keepRequests(0);

            long start = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < concurrent; i++) {
                responses.add(Wire.CLIENT.sendAsync(
                        Wire.request(
                                server.baseUrl() + "/chat/completions", openAi(2), "authorization", "Bearer sk-test"),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                assertThat(response.get().statusCode()).isEqualTo(200);
            }
            Duration all = Duration.ofNanos(System.nanoTime() - start);

            // In series they would take 50 × 400 ms = 20 s; in parallel, one latency and some slack.
            assertThat(all).isGreaterThanOrEqualTo(latency).isLessThan(latency.multipliedBy(5));
            assertThat(server.requestCount()).isEqualTo(concurrent);
            assertThat(server.connectionCount()).isEqualTo(concurrent);
        }
    }

    @Test
    void refusesANegativeLatency() {
        try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
            assertThatThrownBy(() -> server.withLatency(Duration.ofMillis(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> server.withLatency(null)).isInstanceOf(NullPointerException.class);
        }
    }
}
