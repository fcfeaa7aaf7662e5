package dev.marble.chain.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.chain.ChainDefaults;
import dev.marble.chain.ChainMode;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.LinkSpec;
import dev.marble.chain.run.ChainDecision.BeforeLink;
import dev.marble.chain.state.ChainState;
import dev.marble.chain.state.ChainStatus;
import dev.marble.chain.state.Progress;
import dev.marble.chain.state.Shutdown;
import dev.marble.event.LinkOutcome;
import dev.marble.model.Cost;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The chain's decisions as pure functions: every input is a value built here (no state directory, no clock, no
 * thread), and the same value gives the same decision.
 */
class ChainStepTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    private static LinkSpec link(int index, String name, String role, String model, boolean onlyWhenAssigned) {
        return new LinkSpec(
                index,
                name,
                role,
                model,
                null,
                "Do the work.",
                false,
                false,
                false,
                onlyWhenAssigned,
                null,
                null,
                null,
                null);
    }

    private static final List<LinkSpec> LINKS = List.of(
            link(0, "controller", "controller", "sonnet", false),
            link(1, "worker", "worker", "opus", true),
            link(2, "reviewer", "reviewer", "haiku", true));

    private static ChainSpec chain(
            ChainMode mode,
            int maxRounds,
            double runtimeHours,
            LocalDate deadline,
            int maxBlocks,
            int maxFailures,
            BigDecimal budget) {
        return new ChainSpec(
                "c",
                null,
                null,
                mode,
                maxRounds,
                runtimeHours,
                deadline,
                maxBlocks,
                maxFailures,
                Duration.ZERO,
                true,
                budget,
                ChainDefaults.NONE,
                LINKS,
                Map.of(),
                null,
                null,
                List.of());
    }

    private static ChainSpec unlimited(ChainMode mode) {
        return chain(mode, 0, 0, null, 0, 0, null);
    }

    private static Progress cursor(int round, int nextLink) {
        return new Progress(round, nextLink, null, Map.of(), 0, BigDecimal.ZERO, 0);
    }

    private static ChainState state(Progress progress, String handoff) {
        return new ChainState(progress, Optional.of(ChainStatus.RUNNING), Optional.empty(), handoff, null, NOW);
    }

    @Test
    void whenEveryConditionHoldsLlmautosOrderDecides() {
        ChainSpec limited = chain(ChainMode.LOOP, 1, 1, LocalDate.parse("2026-01-01"), 1, 1, new BigDecimal("0.01"));
        Progress worst = new Progress(9, 0, null, Map.of(), 9, new BigDecimal("9"), 36_000);
        ChainState all = new ChainState(
                worst, Optional.of(ChainStatus.ALL_DONE), Optional.of("by hand"), "BLOCKED\n", NOW.toInstant(), NOW);

        assertThat(reason(ChainStep.of(limited), all)).isEqualTo(Shutdown.Reason.MANUAL_STOP);
        all = new ChainState(worst, all.status(), Optional.empty(), all.handoff(), all.countedFrom(), NOW);
        assertThat(reason(ChainStep.of(limited), all)).isEqualTo(Shutdown.Reason.ALL_TASKS_DONE);
        Instant from = all.countedFrom();
        all = new ChainState(worst, Optional.of(ChainStatus.STOPPED), Optional.empty(), all.handoff(), from, NOW);
        assertThat(reason(ChainStep.of(limited), all)).isEqualTo(Shutdown.Reason.STOPPED_BY_AGENT);
        all = new ChainState(worst, Optional.empty(), Optional.empty(), all.handoff(), all.countedFrom(), NOW);
        assertThat(reason(ChainStep.of(limited), all)).isEqualTo(Shutdown.Reason.DEADLINE_REACHED);
        limited = chain(ChainMode.LOOP, 1, 1, null, 1, 1, new BigDecimal("0.01"));
        assertThat(reason(ChainStep.of(limited), all)).isEqualTo(Shutdown.Reason.RUNTIME_EXCEEDED);
        limited = chain(ChainMode.LOOP, 1, 0, null, 1, 1, new BigDecimal("0.01"));
        assertThat(reason(ChainStep.of(limited), all)).isEqualTo(Shutdown.Reason.MAX_ROUNDS);
        limited = chain(ChainMode.LOOP, 0, 0, null, 1, 1, new BigDecimal("0.01"));
        assertThat(reason(ChainStep.of(limited), all)).isEqualTo(Shutdown.Reason.MAX_BLOCKS);
        limited = chain(ChainMode.LOOP, 0, 0, null, 0, 1, new BigDecimal("0.01"));
        assertThat(reason(ChainStep.of(limited), all)).isEqualTo(Shutdown.Reason.MAX_FAILURES);
        limited = chain(ChainMode.LOOP, 0, 0, null, 0, 0, new BigDecimal("0.01"));
        assertThat(reason(ChainStep.of(limited), all)).isEqualTo(Shutdown.Reason.BUDGET_EXCEEDED);
        limited = chain(ChainMode.LOOP, 0, 0, null, 0, 0, null);
        assertThat(ChainStep.of(limited).next(all, false)).isInstanceOf(ChainDecision.RunLink.class);
    }

    private static ChainDecision.ShutDown shutDown(Shutdown.Reason reason, String line) {
        return new ChainDecision.ShutDown(new Shutdown(reason, line));
    }

    private static Shutdown.Reason reason(ChainStep step, ChainState state) {
        BeforeLink decision = step.next(state, false);
        assertThat(decision).isInstanceOf(ChainDecision.ShutDown.class);
        return ((ChainDecision.ShutDown) decision).shutdown().reason();
    }

    @Test
    void theLinesAreLlmautosWords() {
        ChainSpec limited = chain(ChainMode.LOOP, 5, 2, null, 2, 3, new BigDecimal("1.00"));
        Progress spent = new Progress(2, 0, null, Map.of(), 0, new BigDecimal("1.5"), 0);
        assertThat(ChainStep.of(limited).next(state(spent, ""), false))
                .isEqualTo(shutDown(Shutdown.Reason.BUDGET_EXCEEDED, "BUDGET_EXCEEDED: $1.50 / $1.00"));
        ChainState stopFile = new ChainState(
                cursor(0, 0), Optional.of(ChainStatus.RUNNING), Optional.of("line one\n  line two"), "", null, NOW);
        assertThat(ChainStep.of(limited).next(stopFile, false))
                .isEqualTo(shutDown(Shutdown.Reason.MANUAL_STOP, "MANUAL_STOP: line one line two"));
        ChainState emptyStop = new ChainState(cursor(0, 0), Optional.empty(), Optional.of(""), "", null, NOW);
        assertThat(ChainStep.of(limited).next(emptyStop, false))
                .isEqualTo(shutDown(Shutdown.Reason.MANUAL_STOP, "MANUAL_STOP"));
        assertThat(ChainStep.of(limited).next(state(cursor(5, 0), ""), false))
                .isEqualTo(shutDown(Shutdown.Reason.MAX_ROUNDS, "MAX_ROUNDS: 5/5"));
        assertThat(ChainStep.of(limited).next(state(cursor(0, 0), "work\nBLOCKED: a\n\nstill blocked\n"), false))
                .isEqualTo(shutDown(Shutdown.Reason.MAX_BLOCKS, "MAX_BLOCKS: 2"));
    }

    @Test
    void theDeadlineAndTheRuntimeAreJudgedByTheNowPassedIn() {
        ChainStep step = ChainStep.of(chain(ChainMode.LOOP, 0, 2, LocalDate.parse("2026-02-28"), 0, 0, null));
        Instant instant = Instant.parse("2026-02-28T23:30:00Z");
        // The same instant: still the 28th in London, already the 1st in Berlin, where the chain is past its day.
        ChainState london = new ChainState(
                cursor(0, 0), Optional.empty(), Optional.empty(), "", null, instant.atZone(ZoneId.of("Europe/London")));
        ChainState berlin = new ChainState(
                cursor(0, 0), Optional.empty(), Optional.empty(), "", null, instant.atZone(ZoneId.of("Europe/Berlin")));
        assertThat(step.next(london, false)).isInstanceOf(ChainDecision.RunLink.class);
        assertThat(step.next(berlin, false))
                .isEqualTo(shutDown(Shutdown.Reason.DEADLINE_REACHED, "DEADLINE_REACHED: 2026-02-28"));

        // 90 minutes in earlier starts; this one counted from 20, then 40 minutes before now
        Progress earlier = new Progress(0, 0, null, Map.of(), 0, BigDecimal.ZERO, 90 * 60);
        ChainStep twoHours = ChainStep.of(chain(ChainMode.LOOP, 0, 2, null, 0, 0, null));
        ChainState twenty = new ChainState(
                earlier, Optional.empty(), Optional.empty(), "", NOW.toInstant().minus(Duration.ofMinutes(20)), NOW);
        ChainState forty = new ChainState(
                earlier, Optional.empty(), Optional.empty(), "", NOW.toInstant().minus(Duration.ofMinutes(40)), NOW);
        assertThat(twoHours.next(twenty, false)).isInstanceOf(ChainDecision.RunLink.class);
        assertThat(twoHours.next(forty, false))
                .isEqualTo(shutDown(Shutdown.Reason.RUNTIME_EXCEEDED, "RUNTIME_EXCEEDED: 2.2h / 2h"));
    }

    @Test
    void aShutdownComesBeforeAnInterruptAndAnInterruptBeforeTheNextLink() {
        ChainStep step = ChainStep.of(chain(ChainMode.LOOP, 3, 0, null, 0, 0, null));
        assertThat(step.next(state(cursor(3, 0), ""), true)).isInstanceOf(ChainDecision.ShutDown.class);
        assertThat(step.next(state(cursor(1, 0), ""), true)).isEqualTo(new ChainDecision.Interrupted());
        assertThat(step.next(state(cursor(1, 0), ""), false))
                .isEqualTo(new ChainDecision.RunLink(2, 0, LINKS.get(0), false));
    }

    @Test
    void theLinkTheCursorPointsAtRunsAndALinkInFlightRunsAgainAsResumed() {
        ChainStep step = ChainStep.of(unlimited(ChainMode.LOOP));
        String assignsWorker = "## Task: tidy\nASSIGNED: worker\n";
        assertThat(step.next(state(cursor(4, 1), assignsWorker), false))
                .isEqualTo(new ChainDecision.RunLink(5, 1, LINKS.get(1), false));
        Progress inFlight = cursor(4, 1).starting(new Progress.InFlight(1, "worker", "run-1", NOW.toInstant()));
        assertThat(step.next(state(inFlight, assignsWorker), false))
                .isEqualTo(new ChainDecision.RunLink(5, 1, LINKS.get(1), true));
    }

    @Test
    void aCursorPastTheLastLinkGoesOnInTheNextRoundKeepingItsCounts() {
        ChainStep step = ChainStep.of(unlimited(ChainMode.ONCE));
        Progress stale = new Progress(
                2, 5, null, Map.of("worker", new Progress.LinkSession("s-1", true)), 1, new BigDecimal("0.25"), 600);
        assertThat(step.next(state(stale, ""), false))
                .isEqualTo(new ChainDecision.NextRound(
                        new Progress(3, 0, null, stale.sessions(), 1, new BigDecimal("0.25"), 600)));
    }

    @Test
    void aLinkThatRunsOnlyWhenAssignedIsSkippedUnlessTheHandoffNamesItsNameRoleOrModel() {
        ChainStep step = ChainStep.of(unlimited(ChainMode.LOOP));
        Progress failing = new Progress(0, 1, null, Map.of(), 2, BigDecimal.ONE, 0);

        assertThat(step.next(state(failing, "- **ASSIGNED:** reviewer\n"), false))
                .isEqualTo(new ChainDecision.SkipLink(
                        1, 1, LINKS.get(1), "reviewer", new Progress(0, 2, null, Map.of(), 2, BigDecimal.ONE, 0)));
        assertThat(step.next(state(failing, "no assignment here\n"), false))
                .isInstanceOfSatisfying(
                        ChainDecision.SkipLink.class,
                        skip -> assertThat(skip.assigned()).isEqualTo("nobody"));
        for (String handoff : List.of("ASSIGNED: worker", "## assigned: WORKER", "ZUGEWIESEN: opus")) {
            assertThat(step.next(state(failing, handoff), false)).as(handoff).isInstanceOf(ChainDecision.RunLink.class);
        }
        // the first link runs whatever the handoff says
        assertThat(step.next(state(cursor(0, 0), "ASSIGNED: reviewer"), false))
                .isInstanceOf(ChainDecision.RunLink.class);
    }

    /** llmauto's controller/worker loop: the controller writes {@code ASSIGNED: opus} or {@code ASSIGNED: sonnet}. */
    private static ChainStep controllerAndWorkers(ChainDefaults defaults, LinkSpec... workers) {
        List<LinkSpec> links = new ArrayList<>();
        links.add(link(0, "controller", "controller", "claude-opus-4-6", false));
        links.addAll(List.of(workers));
        return ChainStep.of(new ChainSpec(
                "c",
                null,
                null,
                ChainMode.LOOP,
                0,
                0,
                null,
                0,
                0,
                Duration.ZERO,
                true,
                null,
                defaults,
                links,
                Map.of(),
                null,
                null,
                List.of()));
    }

    private static boolean runs(ChainStep step, int index, String handoff) {
        BeforeLink next = step.next(state(cursor(0, index), handoff), false);
        assertThat(next).isInstanceOfAny(ChainDecision.RunLink.class, ChainDecision.SkipLink.class);
        return next instanceof ChainDecision.RunLink;
    }

    @Test
    void assignedOpusSelectsTheWorkerOnAnOpusModelAsLlmautosExampleWritesIt() {
        ChainStep step = controllerAndWorkers(
                ChainDefaults.NONE,
                link(1, "worker-a", "worker", "claude-opus-4-6", true),
                link(2, "worker-b", "worker", "claude-sonnet-4-6", true));
        // before: "opus" matched neither name, role nor model exactly, so both workers were skipped
        assertThat(runs(step, 1, "ASSIGNED: opus\nTASK: split the parser\n")).isTrue();
        assertThat(runs(step, 2, "ASSIGNED: opus\nTASK: split the parser\n")).isFalse();
        assertThat(runs(step, 1, "## ASSIGNED: Sonnet")).isFalse();
        assertThat(runs(step, 2, "## ASSIGNED: Sonnet")).isTrue();
        assertThat(runs(step, 1, "ASSIGNED: opus (architecture)")).isTrue();
        assertThat(step.next(state(cursor(0, 2), "ASSIGNED: opus"), false))
                .isInstanceOfSatisfying(
                        ChainDecision.SkipLink.class,
                        skip -> assertThat(skip.assigned()).isEqualTo("opus"));
    }

    @Test
    void assignedOpusSelectsAWorkerNamedOpusSomethingAndOneOnTheChainsDefaultOpusModel() {
        ChainStep byName = controllerAndWorkers(
                ChainDefaults.NONE,
                link(1, "opus-worker", "worker", null, true),
                link(2, "sonnet-worker", "worker", null, true));
        assertThat(runs(byName, 1, "ASSIGNED: opus")).isTrue();
        assertThat(runs(byName, 2, "ASSIGNED: opus")).isFalse();
        assertThat(runs(byName, 2, "ZUGEWIESEN: sonnet")).isTrue();

        ChainStep byDefault = controllerAndWorkers(
                new ChainDefaults("claude-opus-4-6", null, null, null, null),
                link(1, "deep", "worker", null, true),
                link(2, "quick", "worker", "claude-haiku-4-5", true));
        assertThat(runs(byDefault, 1, "ASSIGNED: opus")).isTrue();
        assertThat(runs(byDefault, 2, "ASSIGNED: haiku")).isTrue();
        assertThat(runs(byDefault, 2, "ASSIGNED: opus")).isFalse();
    }

    @Test
    void anAssignmentSelectsWholeWordsOnlyNotTheVendorNorAVersionNorAPrefixOfAWord() {
        ChainStep step = controllerAndWorkers(
                ChainDefaults.NONE,
                link(1, "opus-worker", "worker", "claude-opus-4-6", true),
                link(2, "opusculum", "worker", "claude-sonnet-4-6", true));
        for (String handoff : List.of("ASSIGNED: op", "ASSIGNED: claude", "ASSIGNED: 4", "ASSIGNED: opus-w")) {
            assertThat(runs(step, 1, handoff)).as(handoff).isFalse();
        }
        assertThat(runs(step, 2, "ASSIGNED: opus")).isFalse();
    }

    @Test
    void aSkippedLastLinkCompletesTheRoundToo() {
        ChainStep step = ChainStep.of(unlimited(ChainMode.LOOP));
        BeforeLink skip = step.next(state(cursor(0, 2), "ASSIGNED: worker"), false);
        assertThat(skip).isInstanceOf(ChainDecision.SkipLink.class);
        Progress after = ((ChainDecision.SkipLink) skip).cursor();
        assertThat(step.afterLink(1, LinkOutcome.SKIPPED, after)).isEqualTo(new ChainDecision.RoundComplete(1));
    }

    @Test
    void afterTheLastLinkTheRoundIsCompleteAndASinglePassChainWithIt() {
        Progress midRound = cursor(0, 2);
        Progress roundDone = cursor(1, 0);
        ChainStep loop = ChainStep.of(unlimited(ChainMode.LOOP));
        assertThat(loop.afterLink(1, LinkOutcome.OK, midRound)).isEqualTo(new ChainDecision.NextLink());
        assertThat(loop.afterLink(1, LinkOutcome.FAILED, roundDone)).isEqualTo(new ChainDecision.RoundComplete(1));
        for (ChainMode single : List.of(ChainMode.ONCE, ChainMode.DEADEND)) {
            ChainStep step = ChainStep.of(unlimited(single));
            assertThat(step.afterLink(1, LinkOutcome.OK, midRound)).isEqualTo(new ChainDecision.NextLink());
            assertThat(step.afterLink(1, LinkOutcome.OK, roundDone)).isEqualTo(new ChainDecision.Completed(1));
        }
        assertThat(loop.afterLink(1, LinkOutcome.INTERRUPTED, midRound)).isEqualTo(new ChainDecision.Interrupted());
    }

    @Test
    void theCursorAfterALinkCountsFailuresAndCost() {
        ChainStep step = ChainStep.of(unlimited(ChainMode.LOOP));
        Progress start = new Progress(0, 2, null, Map.of(), 1, new BigDecimal("0.10"), 0);
        Cost fiveCents = new Cost(new BigDecimal("0.05"), Cost.Source.PRICING_TABLE);
        assertThat(step.finished(start, LinkOutcome.FAILED, fiveCents))
                .isEqualTo(new Progress(1, 0, null, Map.of(), 2, new BigDecimal("0.15"), 0));
        assertThat(step.finished(start, LinkOutcome.OK, Cost.UNKNOWN))
                .isEqualTo(new Progress(1, 0, null, Map.of(), 0, new BigDecimal("0.10"), 0));
    }

    @Test
    void failuresCountAfreshOnlyWhenFailuresStoppedTheLastStart() {
        ChainStep step = ChainStep.of(unlimited(ChainMode.LOOP));
        Progress failed = new Progress(3, 1, null, Map.of(), 3, BigDecimal.ONE, 60);
        assertThat(step.failuresForgiven(failed, Optional.of("MAX_FAILURES: 3/3; last error: worker: boom")))
                .contains(new Progress(3, 1, null, Map.of(), 0, BigDecimal.ONE, 60));
        assertThat(step.failuresForgiven(failed, Optional.of("MANUAL_STOP: lunch")))
                .isEmpty();
        assertThat(step.failuresForgiven(failed, Optional.empty()))
                .as("killed: nobody looked")
                .isEmpty();
        assertThat(step.failuresForgiven(cursor(3, 1), Optional.of("MAX_FAILURES: 3/3")))
                .isEmpty();
    }

    @Test
    void aConditionAddedInCodeIsCheckedAfterLlmautos() {
        ChainStep step = ChainStep.of(chain(ChainMode.LOOP, 2, 0, null, 0, 0, null))
                .withCondition(state -> state.handoff().contains("PAUSE")
                        ? Optional.of(new Shutdown(Shutdown.Reason.CUSTOM, "PAUSED: the handoff asks for a pause"))
                        : Optional.empty());
        assertThat(step.conditions()).hasSize(10);
        assertThat(step.next(state(cursor(0, 0), "PAUSE please"), false))
                .isEqualTo(shutDown(Shutdown.Reason.CUSTOM, "PAUSED: the handoff asks for a pause"));
        assertThat(reason(step, state(cursor(2, 0), "PAUSE please"))).isEqualTo(Shutdown.Reason.MAX_ROUNDS);
        assertThat(step.next(state(cursor(0, 0), "go on"), false)).isInstanceOf(ChainDecision.RunLink.class);
    }

    @Test
    void theSameInputsGiveTheSameDecision() {
        ChainStep step = ChainStep.of(chain(ChainMode.LOOP, 0, 1, LocalDate.parse("2026-03-01"), 0, 0, null));
        ChainState state = new ChainState(
                new Progress(0, 1, null, Map.of(), 0, BigDecimal.ZERO, 3000),
                Optional.of(ChainStatus.RUNNING),
                Optional.empty(),
                "ASSIGNED: worker",
                NOW.toInstant(),
                NOW);
        BeforeLink first = step.next(state, false);
        for (int i = 0; i < 3; i++) assertThat(step.next(state, false)).isEqualTo(first);
        assertThat(ChainStep.of(step.chain()).next(state, false)).isEqualTo(first);
    }
}
