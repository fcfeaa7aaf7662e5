package dev.marble.chain.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownCheckTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path root;

    StateDir dir;

    @BeforeEach
    void dir() {
        dir = StateDir.of(root, "c", ZoneOffset.UTC);
        dir.status("RUNNING");
    }

    private static Progress progress(int round, int failures, String cost, long activeSeconds) {
        return new Progress(round, 0, null, Map.of(), failures, new BigDecimal(cost), activeSeconds);
    }

    private Optional<Shutdown> check(Progress p, Limits l) {
        return ShutdownCheck.check(dir, p, l, CLOCK, NOW);
    }

    private Shutdown stopped(Progress p, Limits l) {
        return check(p, l).orElseThrow(() -> new AssertionError("expected a shutdown"));
    }

    @Test
    void eachReasonWithLlmautosWording() {
        Progress idle = Progress.initial(0);

        dir.requestStop("Feierabend");
        assertThat(stopped(idle, Limits.NONE))
                .isEqualTo(new Shutdown(Shutdown.Reason.MANUAL_STOP, "MANUAL_STOP: Feierabend"));
        dir.clearStopRequest();

        dir.status("ALL_DONE");
        assertThat(stopped(idle, Limits.NONE))
                .isEqualTo(new Shutdown(Shutdown.Reason.ALL_TASKS_DONE, "ALL_TASKS_DONE"));

        dir.status("STOPPED");
        assertThat(stopped(idle, Limits.NONE).reason()).isEqualTo(Shutdown.Reason.STOPPED_BY_AGENT);
        dir.status("RUNNING");

        assertThat(stopped(idle, Limits.NONE.withDeadline(LocalDate.parse("2026-02-28"))))
                .isEqualTo(new Shutdown(Shutdown.Reason.DEADLINE_REACHED, "DEADLINE_REACHED: 2026-02-28"));

        assertThat(stopped(progress(0, 0, "0", 7200), Limits.NONE.withRuntimeHours(2)))
                .isEqualTo(new Shutdown(Shutdown.Reason.RUNTIME_EXCEEDED, "RUNTIME_EXCEEDED: 2.0h / 2h"));
        assertThat(stopped(progress(0, 0, "0", 9000), Limits.NONE.withRuntimeHours(2.5))
                        .text())
                .isEqualTo("RUNTIME_EXCEEDED: 2.5h / 2.5h");

        assertThat(stopped(Progress.initial(5), Limits.NONE.withMaxRounds(5)))
                .isEqualTo(new Shutdown(Shutdown.Reason.MAX_ROUNDS, "MAX_ROUNDS: 5/5"));

        dir.handoff("## Status: working\nBLOCKED: no access\n\nstatus blocked again\n");
        assertThat(stopped(idle, Limits.NONE.withMaxConsecutiveBlocks(2)))
                .isEqualTo(new Shutdown(Shutdown.Reason.MAX_BLOCKS, "MAX_BLOCKS: 2"));
        dir.handoff("");

        assertThat(stopped(progress(0, 3, "0", 0), Limits.NONE.withMaxConsecutiveFailures(3)))
                .isEqualTo(new Shutdown(Shutdown.Reason.MAX_FAILURES, "MAX_FAILURES: 3/3"));

        assertThat(stopped(progress(0, 0, "1.5", 0), Limits.NONE.withBudgetUsd(new BigDecimal("1.00"))))
                .isEqualTo(new Shutdown(Shutdown.Reason.BUDGET_EXCEEDED, "BUDGET_EXCEEDED: $1.50 / $1.00"));
        assertThat(stopped(progress(0, 0, "0.0042", 0), Limits.NONE.withBudgetUsd(new BigDecimal("0.004")))
                        .text())
                .isEqualTo("BUDGET_EXCEEDED: $0.0042 / $0.004");
    }

    @Test
    void justBelowEveryLimitNothingStops() {
        dir.handoff("BLOCKED once\n");
        Limits limits = new Limits(5, 2, LocalDate.parse("2026-03-01"), 2, 3, new BigDecimal("1.00"));
        Progress p = new Progress(4, 2, null, Map.of(), 2, new BigDecimal("0.99"), 7199);
        assertThat(ShutdownCheck.check(dir, p, limits, CLOCK, NOW)).isEmpty();
        // the deadline day itself still runs; the day after does not
        assertThat(ShutdownCheck.check(dir, p, limits, Clock.offset(CLOCK, Duration.ofHours(12)), null))
                .map(Shutdown::reason)
                .contains(Shutdown.Reason.DEADLINE_REACHED);
    }

    @Test
    void zeroMeansNoLimitEvenForBlocks() {
        // llmauto stopped at once with max_consecutive_blocks 0 and any handoff (0 >= 0)
        dir.handoff("## Status: fine\n");
        Progress p = new Progress(1000, 0, null, Map.of(), 1000, new BigDecimal("1000"), 1_000_000);
        assertThat(check(p, new Limits(0, 0, null, 0, 0, BigDecimal.ZERO))).isEmpty();
        assertThat(check(p, Limits.NONE)).isEmpty();
    }

    @Test
    void whenEverythingHoldsTheOrderDecides() {
        dir.requestStop("by hand");
        dir.status("ALL_DONE");
        dir.handoff("BLOCKED\nBLOCKED\nBLOCKED\n");
        Limits all = new Limits(1, 1, LocalDate.parse("2026-01-01"), 1, 1, new BigDecimal("0.01"));
        Progress worst = new Progress(9, 0, null, Map.of(), 9, new BigDecimal("9"), 36_000);

        assertThat(stopped(worst, all).reason()).isEqualTo(Shutdown.Reason.MANUAL_STOP);
        dir.clearStopRequest();
        assertThat(stopped(worst, all).reason()).isEqualTo(Shutdown.Reason.ALL_TASKS_DONE);
        dir.status("STOPPED");
        assertThat(stopped(worst, all).reason()).isEqualTo(Shutdown.Reason.STOPPED_BY_AGENT);
        dir.status("RUNNING");
        assertThat(stopped(worst, all).reason()).isEqualTo(Shutdown.Reason.DEADLINE_REACHED);
        all = all.withDeadline(null);
        assertThat(stopped(worst, all).reason()).isEqualTo(Shutdown.Reason.RUNTIME_EXCEEDED);
        all = all.withRuntimeHours(0);
        assertThat(stopped(worst, all).reason()).isEqualTo(Shutdown.Reason.MAX_ROUNDS);
        all = all.withMaxRounds(0);
        assertThat(stopped(worst, all).reason()).isEqualTo(Shutdown.Reason.MAX_BLOCKS);
        all = all.withMaxConsecutiveBlocks(0);
        assertThat(stopped(worst, all).reason()).isEqualTo(Shutdown.Reason.MAX_FAILURES);
        all = all.withMaxConsecutiveFailures(0);
        assertThat(stopped(worst, all).reason()).isEqualTo(Shutdown.Reason.BUDGET_EXCEEDED);
        all = all.withBudgetUsd(null);
        assertThat(check(worst, all)).isEmpty();
    }

    @Test
    void runtimeAddsUpAcrossRestarts() {
        Limits twoHours = Limits.NONE.withRuntimeHours(2);
        // 90 minutes in earlier starts, 20 minutes in this one: not yet
        Instant thisStart = NOW.minus(Duration.ofMinutes(20));
        assertThat(ShutdownCheck.check(dir, progress(0, 0, "0", 90 * 60), twoHours, CLOCK, thisStart))
                .isEmpty();
        // 40 minutes into this start: 2.2 hours in all, although this start alone is far below the limit
        Instant earlier = NOW.minus(Duration.ofMinutes(40));
        assertThat(ShutdownCheck.check(dir, progress(0, 0, "0", 90 * 60), twoHours, CLOCK, earlier))
                .map(Shutdown::text)
                .contains("RUNTIME_EXCEEDED: 2.2h / 2h");
    }

    @Test
    void allDoneStaysAllDoneAndEverythingElseEndsStopped() {
        for (Shutdown.Reason reason : Shutdown.Reason.values()) {
            assertThat(new Shutdown(reason, reason.name()).finalStatus())
                    .isEqualTo(reason == Shutdown.Reason.ALL_TASKS_DONE ? ChainStatus.ALL_DONE : ChainStatus.STOPPED);
        }
        dir.status("ALL_DONE");
        ShutdownCheck.honour(dir, stopped(Progress.initial(0), Limits.NONE));
        assertThat(dir.status()).isEqualTo("ALL_DONE");
        assertThat(dir.lastShutdown()).contains("ALL_TASKS_DONE");
    }

    @Test
    void aStopIsOneShotButItsReasonStays() {
        dir.requestStop("maintenance window");
        Shutdown shutdown = stopped(Progress.initial(0), Limits.NONE);

        ShutdownCheck.honour(dir, shutdown);

        assertThat(dir.stopRequest()).isEmpty();
        assertThat(dir.status()).isEqualTo("STOPPED");
        assertThat(dir.lastShutdown()).contains("MANUAL_STOP: maintenance window");
        // the next start is not stopped by the old request (llmauto's was: defect 6)
        dir.status("RUNNING");
        assertThat(check(Progress.initial(0), Limits.NONE)).isEmpty();
    }

    @Test
    void anotherShutdownLeavesAStopFileAlone() {
        Shutdown rounds = stopped(Progress.initial(3), Limits.NONE.withMaxRounds(3));
        dir.requestStop("written after the check");
        ShutdownCheck.honour(dir, rounds);
        assertThat(dir.stopRequest()).contains("written after the check");
    }

    @Test
    void stopReasonIsOneLineAndMayBeEmpty() {
        dir.requestStop("  line one\r\n  line two \n");
        assertThat(stopped(Progress.initial(0), Limits.NONE).text()).isEqualTo("MANUAL_STOP: line one line two");
        dir.requestStop("");
        assertThat(stopped(Progress.initial(0), Limits.NONE).text()).isEqualTo("MANUAL_STOP");
    }
}
