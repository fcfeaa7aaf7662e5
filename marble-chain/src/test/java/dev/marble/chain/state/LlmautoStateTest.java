package dev.marble.chain.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * llmauto's own {@code tests/test_state.py} (SEEDS-SPEC 1.16), case by case, as black-box tests
 * against the state directory: what a llmauto user relies on must hold here too.
 */
class LlmautoStateTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path root;

    StateDir state;

    @BeforeEach
    void state() {
        state = StateDir.of(root.resolve("state"), "test-chain", ZoneOffset.UTC);
    }

    private String read(String name) throws Exception {
        return Files.readString(state.dir().resolve(name));
    }

    @Nested
    class Status {
        @Test
        void initialStatusIsUnknown() {
            assertThat(state.status()).isEqualTo("UNKNOWN");
        }

        @Test
        void setAndGet() throws Exception {
            state.status("RUNNING");
            assertThat(state.status()).isEqualTo("RUNNING");
            assertThat(read("status.txt")).isEqualTo("RUNNING");
        }

        @Test
        void overwrite() {
            state.status("RUNNING");
            state.status("STOPPED");
            assertThat(state.status()).isEqualTo("STOPPED");
        }
    }

    @Nested
    class Rounds {
        @Test
        void initialRoundIsZero() {
            assertThat(state.round()).isZero();
        }

        @Test
        void increment() throws Exception {
            state.round(state.round() + 1);
            assertThat(state.round()).isEqualTo(1);
            assertThat(read("round_counter.txt")).isEqualTo("1");
        }

        @Test
        void multipleIncrements() {
            for (int i = 0; i < 5; i++) state.round(state.round() + 1);
            assertThat(state.round()).isEqualTo(5);
        }
    }

    @Nested
    class Runtime {
        @Test
        void noStartMeansZero() {
            assertThat(state.startTime()).isEmpty();
            assertThat(ShutdownCheck.runtimeHours(
                            Progress.initial(0), state.startTime().orElse(null), CLOCK))
                    .isZero();
        }

        @Test
        void recordStart() {
            state.startTime(NOW);
            double hours = ShutdownCheck.runtimeHours(
                    Progress.initial(0), state.startTime().orElseThrow(), CLOCK);
            assertThat(hours).isGreaterThanOrEqualTo(0.0).isLessThan(0.01);
        }

        @Test
        void runtimeGrowsWithTheClock() {
            state.startTime(NOW);
            Clock later = Clock.offset(CLOCK, Duration.ofMinutes(90));
            assertThat(ShutdownCheck.runtimeHours(
                            Progress.initial(0), state.startTime().orElseThrow(), later))
                    .isEqualTo(1.5);
        }
    }

    @Nested
    class HandoffFile {
        @Test
        void emptyHandoff() {
            assertThat(state.handoff()).isEmpty();
        }

        @Test
        void writeAndRead() {
            state.handoff("# Handoff Runde 1\nInhalt hier.");
            assertThat(state.handoff()).contains("Handoff Runde 1");
        }

        @Test
        void overwrite() {
            state.handoff("Alt");
            state.handoff("Neu");
            assertThat(state.handoff()).isEqualTo("Neu");
        }
    }

    @Nested
    class PerLinkHandoff {
        @Test
        void fileNaming() {
            assertThat(state.linkHandoffFile("opus-worker").getFileName()).hasToString("handoff_opus-worker.md");
            assertThat(state.linkHandoffFile("opus-worker").getParent()).isEqualTo(state.dir());
        }

        @Test
        void saveLinkHandoff() throws Exception {
            state.handoff("Worker-Report mit viel Inhalt");
            state.linkHandoff("opus-worker", state.handoff());
            assertThat(read("handoff_opus-worker.md")).contains("Worker-Report");
        }
    }

    @Nested
    class SkipProtectionCases {
        @Test
        void skipIsDetectedAndRestored() throws Exception {
            String realReport = "# Handoff - Runde 3 - OPUS_WORKER\n"
                    + "## Rolle: OPUS_WORKER\n"
                    + "### Ergebnis:\n"
                    + "SharedMemoryClient v0.3.0 mit bach_api Integration.\n"
                    + "55+ Tests, SQL Migration, Handler 929 Zeilen.\n"
                    + "### Status: COMPLETED\n";
            state.handoff(realReport);
            String before = state.handoff();
            state.handoff("SKIPPED - Nicht zugewiesen.");

            SkipProtection.Decision decision = SkipProtection.apply(state, "sonnet-worker", before);

            assertThat(decision.restore()).isTrue();
            assertThat(state.handoff()).contains("OPUS_WORKER").isEqualTo(realReport);
            assertThat(read("handoff_sonnet-worker.md")).contains("SKIPPED");
        }

        @Test
        void aRealHandoffIsNotASkip() throws Exception {
            String old = "# Alte Runde\nViel Text hier der wichtig ist.\n".repeat(5);
            state.handoff(old);
            String before = state.handoff();
            String fresh = "# Neue Runde\nNoch mehr wichtiger Text.\n".repeat(5);
            state.handoff(fresh);

            SkipProtection.Decision decision = SkipProtection.apply(state, "opus-worker", before);

            assertThat(decision.restore()).isFalse();
            assertThat(state.handoff()).contains("Neue Runde");
            assertThat(read("handoff_opus-worker.md")).isEqualTo(fresh);
        }

        @Test
        void nothingBeforeMeansNothingRestored() {
            state.handoff("SKIPPED");
            SkipProtection.Decision decision = SkipProtection.apply(state, "worker", "");
            assertThat(decision.restore()).isFalse();
            assertThat(state.handoff()).isEqualTo("SKIPPED");
        }
    }

    @Nested
    class Shutdown {
        private Optional<dev.marble.chain.state.Shutdown> check(Limits limits) {
            return ShutdownCheck.check(state, new ProgressFile(state).read(), limits, CLOCK, NOW);
        }

        @Test
        void noStopInitially() {
            assertThat(state.stopRequest()).isEmpty();
        }

        @Test
        void requestStop() {
            state.requestStop("Test-Stopp");
            assertThat(state.stopRequest()).contains("Test-Stopp");
        }

        @Test
        void manualStop() {
            state.requestStop("Manuell");
            assertThat(check(Limits.NONE))
                    .hasValueSatisfying(s -> assertThat(s.text()).contains("MANUAL_STOP"));
        }

        @Test
        void allDone() {
            state.status("ALL_DONE");
            assertThat(check(Limits.NONE))
                    .hasValueSatisfying(s -> assertThat(s.text()).contains("ALL_TASKS_DONE"));
        }

        @Test
        void maxRounds() {
            for (int i = 0; i < 5; i++) state.round(state.round() + 1);
            assertThat(check(Limits.NONE.withMaxRounds(5)))
                    .hasValueSatisfying(s -> assertThat(s.text()).contains("MAX_ROUNDS"));
        }

        @Test
        void notTriggeredBelowTheLimits() {
            state.status("RUNNING");
            assertThat(check(Limits.NONE.withMaxRounds(100))).isEmpty();
        }
    }

    @Nested
    class Reset {
        @Test
        void resetClearsState() {
            state.status("RUNNING");
            state.startTime(NOW);
            state.round(state.round() + 1);
            state.requestStop("Test");

            state.reset(CLOCK);

            assertThat(state.status()).isEqualTo("READY");
            assertThat(state.round()).isZero();
            assertThat(state.stopRequest()).isEmpty();
            assertThat(state.startTime()).isEmpty();
            assertThat(state.handoff()).contains("INITIAL (Reset)");
        }
    }
}
