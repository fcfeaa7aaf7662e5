package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.marble.testkit.FakeOpenAiServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.FaultKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code marble loop --timeout} and a chain link's {@code timeout_seconds} bound the whole run, retries and back-off
 * included, against a server that accepts the connection and never answers. Before, each of the three attempts had
 * the full limit: {@code --timeout 5} ran 18.6 s and ended {@code model_failed} (exit 1), a link's 3 s took 11.7 s.
 * The time bounds prove the run stopped; they are not speed tests.
 */
class RunDeadlineSecurityTest {

    private static final int LIMIT_SECONDS = 2;
    /**
     * The limit plus room for starting Marble in a cold JVM on a busy machine; before the fix three attempts of 2 s
     * and two back-off waits took at least 7.5 s.
     */
    private static final Duration BOUND = Duration.ofSeconds(LIMIT_SECONDS + 4);

    @TempDir
    Path temp;

    private final FakeOpenAiServer silent = FakeOpenAiServer.start();
    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        silent.respondWith(request -> FakeReply.fault(FaultKind.SLOW_HEADERS, Duration.ofMinutes(5)));
        cli = new CliRunner(temp);
        cli.stdin("").env("OPENAI_BASE_URL", silent.baseUrl()).env("OPENAI_API_KEY", "sk-test-deadline");
    }

    @AfterEach
    void stop() {
        silent.close();
    }

    @Test
    void loopTimeoutEndsTheRunWithExitSixAtTheLimit() {
        var result = assertTimeoutPreemptively(
                BOUND,
                () -> cli.run(
                        "loop",
                        "--headless",
                        "--timeout",
                        String.valueOf(LIMIT_SECONDS),
                        "-m",
                        "openai:gpt-4o-mini",
                        "Say hello"));

        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCodes.LIMIT);
        assertThat(result.err())
                .contains("[marble loop] timeout: ran ")
                .contains("of a limit of 2 s")
                .doesNotContain("model_failed");
    }

    @Test
    void aLinksTimeoutSecondsBoundsItsRetriesToo() throws IOException {
        cli.write("chains/c.json", """
                {"max_rounds": 1, "max_consecutive_failures": 1,
                 "links": [{"name": "slow", "model": "openai:gpt-4o-mini", "prompt": "Say hello", "timeout_seconds": 2}]}
                """);

        var result = assertTimeoutPreemptively(BOUND, () -> cli.run("chain", "start", "c"));

        assertThat(result.out())
                .as(result.err())
                .contains("slow: FAILED")
                .contains("timeout: ran ")
                .contains("of a limit of 2 s");
    }
}
