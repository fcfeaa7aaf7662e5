package dev.marble.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LoopbackHttpServerTest {

    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void aJdkClientReusesOneConnection(HttpClient.Version version) throws Exception {
        // HTTP_2 is the JDK default: on http:// it first tries an h2c upgrade, which the server must ignore.
        HttpClient client = HttpClient.newBuilder().version(version).build();
        try (FakeModelServer server = FakeOpenAiServer.start()) {
            for (boolean stream : new boolean[] {false, true, false, true}) {
                HttpResponse<String> response = client.send(
                        Wire.request(Provider.OPENAI.url(server), Provider.OPENAI.body(stream)),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            }
            assertThat(server.requestCount()).isEqualTo(4);
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void servesConcurrentClientsOneQueuedReplyEach() throws Exception {
        try (FakeModelServer server = FakeAnthropicServer.start();
                var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Set<String> queued = new HashSet<>();
            for (int i = 0; i < 32; i++) {
                queued.add("reply " + i);
                server.enqueue(FakeReply.text("reply " + i));
            }
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                answers.add(executor.submit(() -> Wire.json(Wire.post(
                                        Provider.ANTHROPIC.url(server),
                                        Provider.ANTHROPIC.body(false),
                                        Provider.ANTHROPIC.headers())
                                .body())
                        .get("content")
                        .get(0)
                        .get("text")
                        .asString()));
            }
            Set<String> received = new HashSet<>();
            for (var answer : answers) {
                received.add(answer.get(10, TimeUnit.SECONDS));
            }

            assertThat(received).isEqualTo(queued);
            assertThat(server.requestCount()).isEqualTo(32);
        }
    }

    @Test
    void servesPipelinedRequestsInOrderAndHonoursConnectionClose() throws Exception {
        try (FakeModelServer server = FakeAnthropicServer.start();
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            server.enqueue(FakeReply.text("first"), FakeReply.text("second"));
            String first = Provider.ANTHROPIC.raw(false);
            String second = Provider.ANTHROPIC
                    .raw(true)
                    .replace("host: 127.0.0.1\r\n", "host: 127.0.0.1\r\nconnection: close\r\n");
            OutputStream out = socket.getOutputStream();
            out.write((first + second).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();

            Wire.RawResponse one = Wire.readResponse(in);
            Wire.RawResponse two = Wire.readResponse(in);

            assertThat(one.header("connection")).isNull();
            assertThat(one.header("content-length")).isEqualTo(String.valueOf(one.body().length));
            assertThat(one.bodyText()).contains("first");
            assertThat(two.header("connection")).isEqualTo("close");
            assertThat(two.header("transfer-encoding")).isEqualTo("chunked");
            assertThat(two.ended()).isTrue();
            assertThat(two.chunks())
                    .as("one SSE event per chunk")
                    .allSatisfy(chunk -> assertThat(Wire.sse(chunk)).hasSize(1));
            assertThat(two.bodyText()).contains("second");
            assertThat(in.read()).as("closed after connection: close").isEqualTo(-1);
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void acceptsChunkedRequestBodiesAndExpectContinue() throws Exception {
        try (FakeModelServer server = FakeOpenAiServer.start()) {
            byte[] body = Provider.OPENAI.body(false).getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create(Provider.OPENAI.url(server)))
                    .expectContinue(true)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                    .build();

            HttpResponse<String> response = Wire.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(server.lastRequest().header("transfer-encoding")).isEqualTo("chunked");
            assertThat(server.lastRequest().header("expect")).isEqualToIgnoringCase("100-continue");
            assertThat(server.lastRequest().lastUserText()).isEqualTo("ping pong");
        }
    }

    @Test
    void answersGarbageWith400AndCloses() throws Exception {
        try (FakeModelServer server = FakeAnthropicServer.start()) {
            Wire.RawResponse response = Wire.raw(server.port(), "NONSENSE\r\n\r\n");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(server.requestCount()).isZero();
        }
    }

    @Test
    void turnsAHandlerBugIntoA500() throws Exception {
        try (LoopbackHttpServer server = LoopbackHttpServer.start((request, exchange) -> {
            throw new IllegalStateException("deliberate bug, for this test");
        })) {
            Wire.RawResponse response = Wire.raw(server.port(), "GET / HTTP/1.1\r\nhost: x\r\n\r\n");

            assertThat(response.status()).isEqualTo(500);
            assertThat(response.bodyText()).contains("deliberate");
        }
    }

    @Test
    void readsHeadersCaseInsensitivelyAndJoinsRepeats() throws Exception {
        try (LoopbackHttpServer server = LoopbackHttpServer.start((request, exchange) -> exchange.send(
                200,
                Map.of("content-type", "text/plain"),
                (request.header("x-twice") + "|" + request.path()).getBytes(StandardCharsets.UTF_8)))) {
            Wire.RawResponse response = Wire.raw(
                    server.port(),
                    "GET /a/b?c=d HTTP/1.1\r\nX-Twice: one\r\nx-twice: two\r\nConnection: close\r\n\r\n");

            assertThat(response.bodyText()).isEqualTo("one, two|/a/b");
        }
    }
}
