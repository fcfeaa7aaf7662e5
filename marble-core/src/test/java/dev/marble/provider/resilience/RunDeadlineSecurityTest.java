package dev.marble.provider.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.DeadlinePassedException;
import dev.marble.error.ModelCallFailedException;
import dev.marble.error.ModelException;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Deadline;
import dev.marble.model.ModelRef;
import dev.marble.model.StreamListener;
import dev.marble.provider.ChatModel;
import dev.marble.provider.scripted.ScriptFile;
import dev.marble.provider.scripted.ScriptedChatModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One deadline bounds a whole model call, retries and back-off included. A server that fails slowly (or a model
 * steered to make it do so) must not stretch a run's time limit by the number of attempts: before the deadline each
 * attempt got the full per-attempt timeout and every back-off was slept, so {@code --timeout 5} ran 18.6 s.
 *
 * <p>Time here is a manual clock that moves only when an attempt "takes" time or the sleeper "waits", so the
 * figures are exact and the test takes no time.
 */
class RunDeadlineSecurityTest {

    private static final Duration PER_ATTEMPT = Duration.ofSeconds(600);
    private static final RetryPolicy PATIENT =
            new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5));

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock();
    private final List<Duration> waits = new ArrayList<>();
    private final Sleeper sleeper = wait -> {
        waits.add(wait);
        clock.advance(wait);
    };

    @Test
    void retriesOfASlowFailingServerStopAtTheDeadlineNotAfterEveryAttempt() {
        SlowServer server = new SlowServer("slow", Duration.ofSeconds(2), ModelException.Kind.SERVER_ERROR);
        Deadline deadline = Deadline.after(Duration.ofSeconds(5), clock);
        Instant end = deadline.at();

        assertThatThrownBy(
                        () -> resilient(server).chat(ChatRequest.of(null, "hi").withDeadline(deadline)))
                .isInstanceOf(DeadlinePassedException.class)
                .hasMessageStartingWith("the time limit was reached after");

        assertThat(server.startedAt)
                .isNotEmpty()
                .allSatisfy(start -> assertThat(start).isBefore(end));
        assertThat(clock.instant())
                .as("neither an attempt nor a wait runs past the deadline")
                .isBeforeOrEqualTo(end);
        assertThat(server.startedAt.size())
                .as("far fewer than the policy's 10 attempts")
                .isLessThan(10);
    }

    @Test
    void eachAttemptGetsAtMostTheTimeLeft() {
        SlowServer server = new SlowServer("slow", Duration.ofSeconds(3), ModelException.Kind.SERVER_ERROR);
        Deadline deadline = Deadline.after(Duration.ofSeconds(5), clock);

        assertThatThrownBy(
                        () -> resilient(server).chat(ChatRequest.of(null, "hi").withDeadline(deadline)))
                .isInstanceOf(DeadlinePassedException.class);

        assertThat(server.timeouts.getFirst()).isEqualTo(Duration.ofSeconds(5));
        // 3 s spent, then a back-off of 0.5 s: the second attempt has 1.5 s, not the provider's 600 s.
        assertThat(server.timeouts.get(1)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void aRetryAfterBeyondTheDeadlineIsNotWaited() throws IOException {
        ChatModel limited = replay("limited", "- {error: rate_limited, message: \"HTTP 429\"}\n");
        ChatModel throttling = new RetryAfter(limited, Duration.ofSeconds(60));
        Deadline deadline = Deadline.after(Duration.ofSeconds(5), clock);

        assertThatThrownBy(() ->
                        resilient(throttling).chat(ChatRequest.of(null, "hi").withDeadline(deadline)))
                .isInstanceOf(DeadlinePassedException.class)
                .hasMessageContaining("HTTP 429");
        assertThat(waits).isEmpty();
        assertThat(clock.instant()).isEqualTo(ManualClock.START);
    }

    @Test
    void whenARetryWouldPassTheDeadlineTheFallbackIsTriedAtOnce() throws IOException {
        ChatModel limited = new RetryAfter(
                replay("limited", "- {error: rate_limited, message: \"HTTP 429\"}\n"), Duration.ofSeconds(60));
        ChatModel backup = replay("backup", "- {text: from backup}\n");
        Deadline deadline = Deadline.after(Duration.ofSeconds(5), clock);

        ChatResponse response =
                resilient(limited, backup).chat(ChatRequest.of(null, "hi").withDeadline(deadline));

        assertThat(response.text()).isEqualTo("from backup");
        assertThat(waits).containsExactly(Duration.ZERO);
    }

    @Test
    void noAttemptStartsOnceTheDeadlineHasPassed() throws IOException {
        ChatModel never = replay("never", "- {text: should not be asked}\n");
        Deadline deadline = Deadline.after(Duration.ofSeconds(1), clock);
        clock.advance(Duration.ofSeconds(2));

        assertThatThrownBy(
                        () -> resilient(never).chat(ChatRequest.of(null, "hi").withDeadline(deadline)))
                .isInstanceOf(DeadlinePassedException.class)
                .hasMessage("the time limit was reached before the model was called");
    }

    @Test
    void withoutADeadlineRetriesAreAsBefore() {
        SlowServer server = new SlowServer("slow", Duration.ofSeconds(2), ModelException.Kind.SERVER_ERROR);

        assertThatThrownBy(() -> resilient(server).chat(ChatRequest.of(null, "hi")))
                .isExactlyInstanceOf(ModelCallFailedException.class);
        assertThat(server.startedAt).hasSize(10);
        assertThat(server.timeouts).containsOnly(PER_ATTEMPT);
    }

    @Test
    void aHugeLimitIsNoLimitRatherThanAnOverflow() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(Long.MAX_VALUE), clock);
        assertThat(deadline.at()).isEqualTo(Instant.MAX);
        assertThat(deadline.passed()).isFalse();
        assertThat(deadline.clip(PER_ATTEMPT)).isEqualTo(PER_ATTEMPT);
    }

    private ResilientChatModel resilient(ChatModel... models) {
        return new ResilientChatModel(List.of(models), PATIENT, sleeper, () -> 0.0);
    }

    private ChatModel replay(String name, String yaml) throws IOException {
        Path file = Files.writeString(temp.resolve(name + ".yaml"), yaml);
        return new ScriptedChatModel(new ModelRef("scripted", name), ScriptFile.load(file));
    }

    /**
     * A provider whose server takes {@code latency} to fail (or the attempt's timeout, when that is shorter, as a
     * real client gives up then). It records when each attempt started and the timeout it was given.
     */
    private final class SlowServer implements ChatModel {
        final List<Instant> startedAt = new ArrayList<>();
        final List<Duration> timeouts = new ArrayList<>();
        private final ModelRef ref;
        private final Duration latency;
        private final ModelException.Kind failure;

        SlowServer(String name, Duration latency, ModelException.Kind failure) {
            this.ref = new ModelRef("fake", name);
            this.latency = latency;
            this.failure = failure;
        }

        @Override
        public ModelRef ref() {
            return ref;
        }

        @Override
        public ChatResponse chat(ChatRequest request, StreamListener listener) {
            startedAt.add(clock.instant());
            Duration timeout = request.attemptTimeout(PER_ATTEMPT);
            timeouts.add(timeout);
            if (timeout.compareTo(latency) < 0) {
                clock.advance(timeout);
                throw new ModelException(
                        ModelException.Kind.TIMEOUT, "no complete answer within " + timeout.toSeconds() + " s");
            }
            clock.advance(latency);
            throw new ModelException(failure, "HTTP 500");
        }
    }

    /** The same provider answering with a Retry-After, as a rate-limited server does. */
    private record RetryAfter(ChatModel delegate, Duration asked) implements ChatModel {
        @Override
        public ModelRef ref() {
            return delegate.ref();
        }

        @Override
        public ChatResponse chat(ChatRequest request, StreamListener listener) {
            try {
                return delegate.chat(request, listener);
            } catch (ModelException e) {
                throw new ModelException(e.kind(), e.getMessage(), 429, asked, null);
            }
        }
    }

    private static final class ManualClock extends Clock {
        static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
        private Instant now = START;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
