package dev.marble.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.core.JacksonException;

class FaultInjectionTest {
    private static final Duration STALL = Duration.ofMillis(400);

    private FakeModelServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(Provider provider, boolean stream) throws Exception {
        return Wire.post(provider.url(server), provider.body(stream), provider.headers());
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void resetBeforeResponseBreaksTheConnectionWithoutAByte(Provider provider) throws Exception {
        server = provider.start()
                .enqueue(
                        FakeReply.fault(FaultKind.RESET_BEFORE_RESPONSE),
                        FakeReply.fault(FaultKind.RESET_BEFORE_RESPONSE));

        assertThatThrownBy(() -> send(provider, false)).isInstanceOf(IOException.class);

        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(provider.raw(false).getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            assertThatThrownBy(in::read).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void truncatedStreamCutsTheChunkedBody(Provider provider) throws Exception {
        server = provider.start()
                .enqueue(FakeReply.fault(FaultKind.TRUNCATED_STREAM), FakeReply.fault(FaultKind.TRUNCATED_STREAM));

        assertThatThrownBy(() -> send(provider, false)).isInstanceOf(IOException.class);

        Wire.RawResponse raw = Wire.raw(server.port(), provider.raw(false));
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.header("content-type")).startsWith("text/event-stream");
        assertThat(raw.header("transfer-encoding")).isEqualTo("chunked");
        assertThat(raw.ended()).as("terminating 0-chunk").isFalse();
        assertThat(raw.chunks())
                .isNotEmpty()
                .allSatisfy(chunk -> assertThat(chunk).endsWith("\n\n"));
        assertThat(raw.bodyText()).doesNotContain(provider.endMarker);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void incompleteStreamEndsCleanlyWithoutItsEnd(Provider provider) throws Exception {
        server = provider.start().enqueue(FakeReply.fault(FaultKind.INCOMPLETE_STREAM));

        HttpResponse<String> response = send(provider, true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Wire.sse(response.body())).isNotEmpty();
        assertThat(response.body()).doesNotContain(provider.endMarker, "message_delta", "\"finish_reason\":\"");
        assertThat(response.body()).contains("echo: ");
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void invalidJsonIsA200ThatDoesNotParse(Provider provider) throws Exception {
        server = provider.start().enqueue(FakeReply.fault(FaultKind.INVALID_JSON));

        HttpResponse<String> response = send(provider, false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThatThrownBy(() -> Wire.json(response.body())).isInstanceOf(JacksonException.class);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void emptyBodyIsA200WithNothingInIt(Provider provider) throws Exception {
        server = provider.start().enqueue(FakeReply.fault(FaultKind.EMPTY_BODY));

        HttpResponse<String> response = send(provider, true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("content-length")).hasValue("0");
        assertThat(response.body()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void slowHeadersStallThenAnswerTheEcho(Provider provider) throws Exception {
        server = provider.start().enqueue(FakeReply.fault(FaultKind.SLOW_HEADERS, STALL));

        long start = System.nanoTime();
        HttpResponse<String> response = send(provider, false);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(STALL);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("echo: ping pong");
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void slowBodyStallsInTheMiddleOfTheJson(Provider provider) throws Exception {
        server = provider.start().enqueue(FakeReply.fault(FaultKind.SLOW_BODY, STALL));

        long start = System.nanoTime();
        HttpResponse<InputStream> response = Wire.CLIENT.send(
                Wire.request(provider.url(server), provider.body(false), provider.headers()),
                HttpResponse.BodyHandlers.ofInputStream());
        Duration toHeaders = Duration.ofNanos(System.nanoTime() - start);
        String body;
        try (InputStream in = response.body()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Duration toEnd = Duration.ofNanos(System.nanoTime() - start);

        assertThat(toHeaders).isLessThan(STALL);
        assertThat(toEnd).isGreaterThanOrEqualTo(STALL);
        assertThat(Wire.json(body).toString()).contains("echo: ping pong");
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void slowBodyStallsAfterTheFirstEvent(Provider provider) throws Exception {
        server = provider.start().enqueue(FakeReply.fault(FaultKind.SLOW_BODY, STALL));

        long start = System.nanoTime();
        HttpResponse<Stream<String>> response = Wire.CLIENT.send(
                Wire.request(provider.url(server), provider.body(true), provider.headers()),
                HttpResponse.BodyHandlers.ofLines());
        var lines = response.body().iterator();
        String firstData = null;
        while (firstData == null) {
            String line = lines.next();
            firstData = line.startsWith("data: ") ? line : null;
        }
        Duration toFirstEvent = Duration.ofNanos(System.nanoTime() - start);
        StringBuilder rest = new StringBuilder();
        lines.forEachRemaining(line -> rest.append(line).append('\n'));
        Duration toEnd = Duration.ofNanos(System.nanoTime() - start);

        assertThat(toFirstEvent).isLessThan(STALL);
        assertThat(toEnd).isGreaterThanOrEqualTo(STALL);
        assertThat(rest).contains("echo: ", provider.endMarker);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void otherFaultsWaitTheirDelayFirst(Provider provider) throws Exception {
        server = provider.start().enqueue(FakeReply.fault(FaultKind.EMPTY_BODY, STALL));

        long start = System.nanoTime();
        HttpResponse<String> response = send(provider, false);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(STALL);
        assertThat(response.body()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void aDelayedAnswerWaitsBeforeItsHeaders(Provider provider) throws Exception {
        server = provider.start().enqueue(FakeReply.text("late").withDelay(STALL));

        long start = System.nanoTime();
        HttpResponse<String> response = send(provider, true);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(STALL);
        assertThat(response.body()).contains("late", provider.endMarker);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void closingTheServerEndsAStallAtOnce(Provider provider) throws Exception {
        server = provider.start().enqueue(FakeReply.fault(FaultKind.SLOW_HEADERS, Duration.ofSeconds(30)));
        var pending = Wire.CLIENT.sendAsync(
                Wire.request(provider.url(server), provider.body(false), provider.headers()),
                HttpResponse.BodyHandlers.ofString());
        while (server.requestCount() == 0) {
            Thread.sleep(5);
        }

        long start = System.nanoTime();
        server.close();

        assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
