package dev.marble.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.marble.event.Event;
import dev.marble.model.ModelRef;
import dev.marble.provider.ChatModel;
import dev.marble.provider.http.HttpTransport;
import dev.marble.provider.openai.OpenAiChatModel;
import dev.marble.provider.resilience.ResilientChatModel;
import dev.marble.provider.resilience.RetryPolicy;
import dev.marble.testkit.FakeOpenAiServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.FaultKind;
import dev.marble.tool.approval.ApprovalGate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's time limit holds against a server that never answers, through the real OpenAI provider, real HTTP and the
 * real retry policy: the run ends as a timeout (a limit) at about its limit, not as {@code model_failed} after every
 * attempt has used its full per-attempt timeout. The bounds below prove the run stopped; they are not speed tests.
 */
class RunDeadlineSecurityTest {

    private static final Duration LIMIT = Duration.ofSeconds(2);
    private static final Duration PER_ATTEMPT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private final FakeOpenAiServer silent = FakeOpenAiServer.start();
    private RunFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new RunFixture(temp);
        silent.respondWith(request -> FakeReply.fault(FaultKind.SLOW_HEADERS, Duration.ofMinutes(5)));
    }

    @AfterEach
    void stop() {
        silent.close();
    }

    private ChatModel openAi(String name) {
        return new OpenAiChatModel(
                new ModelRef("openai", name), silent.baseUrl(), "sk-test", HttpTransport.create(), PER_ATTEMPT);
    }

    @Test
    void aServerThatNeverAnswersEndsTheRunAsATimeoutAtItsLimit() {
        RetryPolicy quick = new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(5));
        ChatModel model = new ResilientChatModel(List.of(openAi("gpt-4o-mini")), quick);

        long start = System.nanoTime();
        AgentResult result = assertTimeoutPreemptively(
                LIMIT.plusSeconds(2),
                () -> fixture.run(
                        model,
                        RunLimits.DEFAULTS.withTimeout(LIMIT),
                        ApprovalGate.allowingEverything(),
                        RunControl.HEADLESS,
                        List.of()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(result.ending()).as(result.detail()).isEqualTo(RunEnding.TIMEOUT);
        assertThat(result.detail())
                .startsWith("ran ")
                .contains("of a limit of 2 s")
                .contains("the time limit was reached");
        assertThat(took).as("it waited for its limit").isGreaterThanOrEqualTo(LIMIT.minusMillis(100));
        assertThat(fixture.events)
                .filteredOn(Event.RunFinished.class::isInstance)
                .singleElement()
                .extracting(e -> ((Event.RunFinished) e).ending().wireName())
                .isEqualTo("timeout");
    }

    @Test
    void aSlowReplayKeepsToTheLimitLikeARealServer() {
        ChatModel replay = new ResilientChatModel(
                List.of(fixture.replay("- {text: late, delay_ms: 60000}\n")), RetryPolicy.DEFAULT);

        AgentResult result = assertTimeoutPreemptively(
                LIMIT.plusSeconds(2),
                () -> fixture.run(
                        replay,
                        RunLimits.DEFAULTS.withTimeout(LIMIT),
                        ApprovalGate.allowingEverything(),
                        RunControl.HEADLESS,
                        List.of()));

        assertThat(result.ending()).as(result.detail()).isEqualTo(RunEnding.TIMEOUT);
        assertThat(result.detail()).contains("the replay waits 60000 ms");
    }

    @Test
    void aFallbackDoesNotGetAFreshLimitEither() {
        ChatModel model = new ResilientChatModel(List.of(openAi("first"), openAi("second")), RetryPolicy.DEFAULT);

        AgentResult result = assertTimeoutPreemptively(
                LIMIT.plusSeconds(2),
                () -> fixture.run(
                        model,
                        RunLimits.DEFAULTS.withTimeout(LIMIT),
                        ApprovalGate.allowingEverything(),
                        RunControl.HEADLESS,
                        List.of()));

        assertThat(result.ending()).as(result.detail()).isEqualTo(RunEnding.TIMEOUT);
        assertThat(silent.requestCount())
                .as("the fallback was not asked after the deadline")
                .isEqualTo(1);
    }
}
