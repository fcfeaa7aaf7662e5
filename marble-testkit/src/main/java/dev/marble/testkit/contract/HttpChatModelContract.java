package dev.marble.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.marble.error.ModelCallFailedException;
import dev.marble.error.ModelException;
import dev.marble.model.Attempt;
import dev.marble.model.ChatOptions;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.StreamListener;
import dev.marble.provider.ChatModel;
import dev.marble.provider.resilience.ResilientChatModel;
import dev.marble.provider.resilience.RetryPolicy;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.FaultKind;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults, as the fake servers inject them over real sockets: error statuses, Retry-After, slow and
 * cut-off answers, resets, broken bodies. Every one ends in a clear {@link ModelException} of the
 * right kind, quickly: no hang, no crash, and retries only where they can help.
 */
@Timeout(20)
public abstract class HttpChatModelContract extends ChatModelContract {

    private static final Duration SHORT = Duration.ofMillis(400);

    @Override
    protected abstract HttpFixture createFixture() throws Exception;

    protected HttpFixture http() {
        return (HttpFixture) fixture;
    }

    private ModelException failure(FakeReply reply, boolean stream) {
        fixture.answer(reply);
        ChatRequest request = ChatRequest.of(null, "hi")
                .withOptions(ChatOptions.builder().timeout(SHORT).build());
        ChatModel model = fixture.model();
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> model.chat(request, listener(stream)));
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("fails promptly")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(thrown).isInstanceOf(ModelException.class);
        return (ModelException) thrown;
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void callsReuseOneConnection(boolean stream) {
        ChatModel model = fixture.model();
        for (int i = 0; i < 3; i++) model.chat(ChatRequest.of(null, "call " + i), listener(stream));
        // A streamed body closed before its end cannot be pooled: every call would pay a new
        // connection (and, over HTTPS, a handshake). Found by the benchmark.
        assertThat(http().server().connectionCount()).isEqualTo(1);
    }

    @Test
    void rateLimitCarriesRetryAfter() {
        ModelException e =
                failure(FakeReply.error(429, "rate_limit_error", "Slow down").withHeader("retry-after", "2"), false);
        assertThat(e.kind()).isEqualTo(ModelException.Kind.RATE_LIMITED);
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("HTTP 429 rate_limit_error: Slow down");
    }

    @Test
    void serverErrorsAndOverloadAreRetryable() {
        assertThat(failure(FakeReply.error(500, "api_error", "boom"), false))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.SERVER_ERROR))
                .satisfies(e -> assertThat(e.retryable()).isTrue());
        assertThat(failure(FakeReply.error(529, "overloaded_error", "Overloaded"), true))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.OVERLOADED))
                .satisfies(e -> assertThat(e.getMessage()).contains("529").contains("Overloaded"));
    }

    @Test
    void badRequestsAreNotRetried() {
        ModelException e = failure(FakeReply.error(400, "invalid_request_error", "max_tokens: too large"), false);
        assertThat(e.kind()).isEqualTo(ModelException.Kind.BAD_REQUEST);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("max_tokens: too large");
    }

    @Test
    void aWrongKeyIsAnAuthenticationFailure() {
        http().server().requireApiKey("the-right-key-0000");
        ModelException e = failure(FakeReply.text("never"), false);
        assertThat(e.kind()).isEqualTo(ModelException.Kind.AUTHENTICATION);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.retryable()).isFalse();
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void slowHeadersPastTheTimeLimitTimeOut(boolean stream) {
        ModelException e = failure(FakeReply.fault(FaultKind.SLOW_HEADERS, Duration.ofSeconds(10)), stream);
        assertThat(e.kind()).isEqualTo(ModelException.Kind.TIMEOUT);
        assertThat(e.getMessage()).contains("0.4 s");
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void aBodyThatStallsPastTheTimeLimitTimesOut(boolean stream) {
        ModelException e = failure(FakeReply.fault(FaultKind.SLOW_BODY, Duration.ofSeconds(10)), stream);
        assertThat(e.kind()).isEqualTo(ModelException.Kind.TIMEOUT);
    }

    @Test
    void aResetConnectionIsARetryableConnectionFailure() {
        ModelException e = failure(FakeReply.fault(FaultKind.RESET_BEFORE_RESPONSE), false);
        assertThat(e.kind()).isEqualTo(ModelException.Kind.CONNECTION);
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void aStreamCutOffMidwayIsRetryable() {
        ModelException e = failure(FakeReply.fault(FaultKind.TRUNCATED_STREAM), true);
        assertThat(e.kind()).isIn(ModelException.Kind.CONNECTION, ModelException.Kind.INVALID_RESPONSE);
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void aStreamThatEndsWithoutItsEndIsIncomplete() {
        ModelException e = failure(FakeReply.fault(FaultKind.INCOMPLETE_STREAM), true);
        assertThat(e.kind()).isEqualTo(ModelException.Kind.INVALID_RESPONSE);
        assertThat(e.getMessage()).contains("incomplete stream");
    }

    @Test
    void invalidJsonAndEmptyBodiesAreInvalidResponses() {
        assertThat(failure(FakeReply.fault(FaultKind.INVALID_JSON), false))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.INVALID_RESPONSE))
                .satisfies(e -> assertThat(e.getMessage()).contains("invalid JSON"));
        assertThat(failure(FakeReply.fault(FaultKind.EMPTY_BODY), false))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.INVALID_RESPONSE))
                .satisfies(e -> assertThat(e.getMessage()).contains("empty response body"));
    }

    @Test
    void nothingListeningIsAConnectionFailure() throws InterruptedException {
        ChatModel model = fixture.model();
        int port = http().server().port();
        http().server().close();
        awaitRefused(port); // a connection racing the close is reset instead (also CONNECTION, but worded otherwise)
        assertThatThrownBy(() -> model.chat(ChatRequest.of(null, "hi")))
                .isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(((ModelException) e).kind()).isEqualTo(ModelException.Kind.CONNECTION))
                .hasMessageContaining("cannot connect to http://127.0.0.1:");
    }

    private static void awaitRefused(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try {
                new Socket("127.0.0.1", port).close();
                Thread.sleep(10);
            } catch (IOException refused) {
                return;
            }
        }
        throw new AssertionError("port " + port + " still accepts connections after the server closed");
    }

    @Test
    void retriesHonourRetryAfterAndRecoverAfterOverloadAndErrors() {
        fixture.answer(FakeReply.error(529, "overloaded_error", "Overloaded"));
        fixture.answer(FakeReply.error(429, "rate_limit_error", "Slow down").withHeader("retry-after", "0.25"));
        fixture.answer(FakeReply.fault(FaultKind.RESET_BEFORE_RESPONSE));
        fixture.answer(FakeReply.text("made it"));
        List<Duration> waits = new ArrayList<>();
        ResilientChatModel resilient = new ResilientChatModel(
                List.of(fixture.model()),
                new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1)),
                waits::add,
                () -> 1.0);
        ChatResponse response = resilient.chat(ChatRequest.of(null, "hi"), StreamListener.NONE);
        assertThat(response.text()).isEqualTo("made it");
        assertThat(response.retries()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(400));
        assertThat(http().server().requestCount()).isEqualTo(4);
    }

    @Test
    void whenEveryAttemptFailsTheErrorNamesEachOne() {
        for (int i = 0; i < 3; i++) fixture.answer(FakeReply.error(500, "api_error", "down #" + i));
        ResilientChatModel resilient = new ResilientChatModel(
                List.of(fixture.model()),
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMinutes(1)));
        assertThatThrownBy(() -> resilient.chat(ChatRequest.of(null, "hi")))
                .isInstanceOf(ModelCallFailedException.class)
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("#1 HTTP 500 api_error: down #0")
                .hasMessageContaining("#3 HTTP 500 api_error: down #2")
                .satisfies(e -> assertThat(((ModelCallFailedException) e).attempts())
                        .extracting(Attempt::number)
                        .containsExactly(1, 2, 3));
    }
}
