package dev.marble.provider.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.marble.error.ModelCallFailedException;
import dev.marble.model.Attempt;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.ModelRef;
import dev.marble.model.StreamListener;
import dev.marble.provider.ChatModel;
import dev.marble.provider.UnavailableChatModel;
import dev.marble.provider.scripted.ScriptFile;
import dev.marble.provider.scripted.ScriptedChatModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retries and fallbacks, driven by replayed failures through the real scripted provider. */
class ResilientChatModelTest {

    @TempDir
    Path temp;

    private final List<Duration> waits = new ArrayList<>();
    private final Sleeper recording = waits::add;
    private static final RetryPolicy POLICY =
            new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(60));

    private ChatModel replay(String name, String yaml) throws IOException {
        Path file = Files.writeString(temp.resolve(name + ".yaml"), yaml);
        return new ScriptedChatModel(new ModelRef("scripted", name), ScriptFile.load(file));
    }

    private ResilientChatModel resilient(ChatModel... models) {
        return new ResilientChatModel(List.of(models), POLICY, recording, () -> 1.0);
    }

    @Test
    void retriesRetryableFailuresWithGrowingWaits() throws IOException {
        ChatModel flaky = replay("flaky", """
                - {error: overloaded, message: "HTTP 529 overloaded"}
                - {error: server_error, message: "HTTP 500"}
                - {text: finally}
                """);
        ChatResponse response = resilient(flaky).chat(ChatRequest.of(null, "hi"));
        assertThat(response.text()).isEqualTo("finally");
        assertThat(response.retries()).isEqualTo(2);
        assertThat(response.attempts())
                .extracting(Attempt::error)
                .containsExactly("HTTP 529 overloaded", "HTTP 500", null);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void doesNotRetryWhatCannotSucceedButFallsBack() throws IOException {
        ChatModel broken = replay("broken", "- {error: authentication, message: \"HTTP 401 bad key\"}\n");
        ChatModel backup = replay("backup", "- {text: from backup}\n");
        ChatResponse response = resilient(broken, backup).chat(ChatRequest.of(null, "hi"));
        assertThat(response.text()).isEqualTo("from backup");
        assertThat(response.model()).isEqualTo(new ModelRef("scripted", "backup"));
        assertThat(response.attempts()).hasSize(2);
        assertThat(waits).containsExactly(Duration.ZERO);
    }

    @Test
    void theFinalErrorNamesEveryAttempt() throws IOException {
        ChatModel first = replay("first", """
                - {error: rate_limited, message: "HTTP 429 slow down"}
                - {error: rate_limited, message: "HTTP 429 slow down"}
                - {error: rate_limited, message: "HTTP 429 slow down"}
                """);
        ChatModel second = replay("second", "- {error: bad_request, message: \"HTTP 400 nope\"}\n");
        assertThatThrownBy(() -> resilient(first, second).chat(ChatRequest.of(null, "hi")))
                .isInstanceOf(ModelCallFailedException.class)
                .hasMessage("model call failed after 4 attempts: scripted:first #1 HTTP 429 slow down; "
                        + "scripted:first #2 HTTP 429 slow down; scripted:first #3 HTTP 429 slow down; "
                        + "scripted:second #1 HTTP 400 nope");
    }

    @Test
    void noModelIsReachableOnlyWhenEveryModelLacksWhatItNeedsToRun() throws IOException {
        ChatModel noKey =
                new UnavailableChatModel(new ModelRef("anthropic", "claude-x"), "ANTHROPIC_API_KEY is not set");
        ChatModel noOtherKey = new UnavailableChatModel(new ModelRef("openai", "gpt-x"), "OPENAI_API_KEY is not set");
        ModelCallFailedException none = catchThrowableOfType(
                ModelCallFailedException.class,
                () -> resilient(noKey, noOtherKey).chat(ChatRequest.of(null, "hi")));
        assertThat(none.noModelReachable()).isTrue();
        assertThat(none)
                .hasMessageStartingWith("no model can be reached: ")
                .hasMessageContaining("ANTHROPIC_API_KEY is not set");

        ChatModel overloaded = replay("busy", "- {error: bad_request, message: \"HTTP 400 nope\"}\n");
        ModelCallFailedException reached = catchThrowableOfType(
                ModelCallFailedException.class,
                () -> resilient(overloaded, noKey).chat(ChatRequest.of(null, "hi")));
        assertThat(reached.noModelReachable())
                .as("the first model was reached and failed")
                .isFalse();
    }

    @Test
    void listenersHearOfEachFailedAttempt() throws IOException {
        ChatModel flaky = replay("flaky", "- {error: connection, message: reset}\n- {text: ok}\n");
        List<String> heard = new ArrayList<>();
        resilient(flaky).chat(ChatRequest.of(null, "hi"), new StreamListener() {
            @Override
            public void onAttemptFailed(Attempt failed, Duration wait) {
                heard.add(failed.number() + ":" + failed.error() + ":" + wait.toMillis());
            }
        });
        assertThat(heard).containsExactly("1:reset:100");
    }

    @Test
    void retryAfterFromTheServerReplacesTheBackoff() {
        RetryPolicy policy = POLICY;
        assertThat(policy.backoff(1, () -> 0.0)).isEqualTo(Duration.ofMillis(50));
        assertThat(policy.backoff(1, () -> 1.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(5, () -> 1.0)).isEqualTo(Duration.ofMillis(1000));
        assertThat(policy.backoff(80, () -> 1.0)).isEqualTo(Duration.ofMillis(1000));
    }
}
