package dev.marble.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.agent.RunState.Interrupt;
import dev.marble.agent.StepOutcome.ModelFailed.Failure;
import dev.marble.agent.StopCondition.Stop;
import dev.marble.agent.TurnDecision.AskNextInstruction;
import dev.marble.agent.TurnDecision.AskToContinue;
import dev.marble.agent.TurnDecision.CallModel;
import dev.marble.agent.TurnDecision.Finish;
import dev.marble.agent.TurnDecision.RunTools;
import dev.marble.json.Json;
import dev.marble.model.Part;
import dev.marble.model.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The turn loop's decisions on their own: plain states and outcomes in, decisions out. No model, no files, no
 * threads, no clock: what the local driver and a workflow engine both rely on.
 */
class TurnDecisionsTest {

    private static final List<Part.ToolCall> CALLS = List.of(
            new Part.ToolCall("call_1", "get_weather", Json.parse("{\"city\":\"Oslo\"}")),
            new Part.ToolCall("call_2", "get_weather", Json.parse("{\"city\":\"Rome\"}")));

    private final TurnDecider defaults = new TurnDecider(StopRules.of(RunLimits.DEFAULTS, List.of()));

    @Test
    void aRunStartsWithAModelCall() {
        assertThat(defaults.decide(state(0, 0, 0, null, Interrupt.NONE), new StepOutcome.Started()))
                .isEqualTo(new CallModel());
    }

    @Test
    void beforeACallTheBudgetsComeFirstThenCtrlCThenTheTurnLimit() {
        TurnDecider decider =
                new TurnDecider(StopRules.of(RunLimits.DEFAULTS.withMaxTurns(2).withTokenBudget(100), List.of()));
        StepOutcome started = new StepOutcome.Started();

        assertThat(decider.decide(state(2, 2, 150, null, Interrupt.SEEN), started))
                .isEqualTo(new Finish(new Stop(RunEnding.TOKEN_BUDGET, "used 150 tokens of a budget of 100")));
        assertThat(decider.decide(state(2, 2, 50, null, Interrupt.SEEN), started))
                .isEqualTo(new Finish(new Stop(RunEnding.INTERRUPTED, "interrupted (Ctrl+C)")));
        assertThat(decider.decide(state(4, 2, 50, null, Interrupt.NONE), started))
                .isEqualTo(new AskToContinue(4, new Stop(RunEnding.MAX_TURNS, "reached 4 turns (--max-turns 2)")));
        assertThat(decider.decide(state(4, 1, 50, null, Interrupt.NONE), started))
                .isEqualTo(new CallModel());
    }

    @Test
    void aPausedTurnGoesOnWithinTheLimitsAndNoMoreThanTheCappedTimesInARow() {
        TurnDecider decider =
                new TurnDecider(StopRules.of(RunLimits.DEFAULTS.withMaxTurns(20).withTokenBudget(1000), List.of()));

        assertThat(decider.decide(state(1, 1, 10, "", Interrupt.NONE), new StepOutcome.Paused(1)))
                .isEqualTo(new CallModel());
        assertThat(decider.decide(
                        state(10, 10, 10, "", Interrupt.NONE), new StepOutcome.Paused(TurnDecider.MAX_CONTINUATIONS)))
                .isEqualTo(new CallModel());
        assertThat(decider.decide(
                        state(11, 11, 10, "", Interrupt.NONE),
                        new StepOutcome.Paused(TurnDecider.MAX_CONTINUATIONS + 1)))
                .isEqualTo(new Finish(new Stop(
                        RunEnding.MODEL_FAILED,
                        "the model paused its turn 11 times in a row (pause_turn); gave up after 10 continuations")));
        // A continuation is a model call like any other: the budgets, Ctrl+C and the turn limit come first.
        assertThat(decider.decide(state(2, 2, 1500, "", Interrupt.NONE), new StepOutcome.Paused(2)))
                .isEqualTo(new Finish(new Stop(RunEnding.TOKEN_BUDGET, "used 1500 tokens of a budget of 1000")));
        assertThat(decider.decide(state(2, 2, 10, "", Interrupt.SEEN), new StepOutcome.Paused(2)))
                .isEqualTo(new Finish(new Stop(RunEnding.INTERRUPTED, "interrupted (Ctrl+C)")));
        assertThat(decider.decide(state(20, 20, 10, "", Interrupt.NONE), new StepOutcome.Paused(3)))
                .isEqualTo(new AskToContinue(20, new Stop(RunEnding.MAX_TURNS, "reached 20 turns (--max-turns 20)")));
    }

    @Test
    void aPersonMayLiftTheTurnLimitOrLetItEndTheRun() {
        Stop limit = new Stop(RunEnding.MAX_TURNS, "reached 2 turns (--max-turns 2)");
        RunState state = state(2, 2, 0, "x", Interrupt.NONE);

        assertThat(defaults.decide(state, new StepOutcome.ContinueAnswered(true, limit)))
                .isEqualTo(new CallModel());
        assertThat(defaults.decide(state, new StepOutcome.ContinueAnswered(false, limit)))
                .isEqualTo(new Finish(limit));
    }

    @Test
    void anAnswersToolCallsRunUnlessALimitRanOutWhichLeavesThemAnsweredAsNotRun() {
        TurnDecider decider = new TurnDecider(StopRules.of(RunLimits.DEFAULTS.withTokenBudget(1000), List.of()));
        StepOutcome answered = new StepOutcome.Answered(CALLS, "Checking.");

        assertThat(decider.decide(state(1, 1, 700, "Checking.", Interrupt.NONE), answered))
                .isEqualTo(new RunTools(CALLS));
        Finish finish = (Finish) decider.decide(state(2, 2, 1400, "Checking.", Interrupt.NONE), answered);
        assertThat(finish.stop()).isEqualTo(new Stop(RunEnding.TOKEN_BUDGET, "used 1400 tokens of a budget of 1000"));
        assertThat(finish.notRun())
                .containsExactly(
                        new Part.ToolResult("call_1", "not run: the run stopped (token_budget)", true),
                        new Part.ToolResult("call_2", "not run: the run stopped (token_budget)", true));
    }

    @Test
    void anAnswerWithoutToolsFinishesOnTheMarkerOrAsksForTheNextInstruction() {
        assertThat(defaults.decide(
                        state(1, 1, 0, "All done. task_complete", Interrupt.NONE),
                        new StepOutcome.Answered(List.of(), "All done. task_complete")))
                .isEqualTo(new Finish(new Stop(RunEnding.COMPLETED, "the model wrote TASK_COMPLETE")));
        assertThat(defaults.decide(
                        state(1, 1, 0, "Half done.", Interrupt.NONE),
                        new StepOutcome.Answered(List.of(), "Half done.")))
                .isEqualTo(new AskNextInstruction("Half done."));
    }

    @Test
    void anInterruptSeenAfterAnAnswerWithoutToolsWaitsForTheNextCheckBeforeACall() {
        // As before the loop was split: Ctrl+C is looked for before a model call, and in a tool round.
        assertThat(defaults.decide(
                        state(1, 1, 0, "Half done.", Interrupt.SEEN),
                        new StepOutcome.Answered(List.of(), "Half done.")))
                .isEqualTo(new AskNextInstruction("Half done."));
    }

    @Test
    void afterTheToolRoundCtrlCComesBeforeTheMarkerWhichComesBeforeTheNextTurnsChecks() {
        RunState marked = state(1, 1, 0, "done, TASK_COMPLETE", Interrupt.NONE);
        assertThat(defaults.decide(marked, new StepOutcome.ToolsRan(true)))
                .isEqualTo(new Finish(new Stop(RunEnding.INTERRUPTED, "interrupted (Ctrl+C) during a tool call")));
        assertThat(defaults.decide(marked, new StepOutcome.ToolsRan(false)))
                .isEqualTo(new Finish(new Stop(RunEnding.COMPLETED, "the model wrote TASK_COMPLETE")));
        assertThat(defaults.decide(state(1, 1, 0, "Checking.", Interrupt.NONE), new StepOutcome.ToolsRan(false)))
                .isEqualTo(new CallModel());
        assertThat(defaults.decide(state(1, 1, 0, "Checking.", Interrupt.SEEN), new StepOutcome.ToolsRan(false)))
                .isEqualTo(new Finish(new Stop(RunEnding.INTERRUPTED, "interrupted (Ctrl+C)")));
    }

    @Test
    void thePersonsNextInstructionSendsEndsOrStops() {
        RunState state = state(1, 1, 0, "Half done.", Interrupt.NONE);
        assertThat(defaults.decide(state, new StepOutcome.InstructionGiven(NextInstruction.send("Go on."))))
                .isEqualTo(new CallModel());
        assertThat(defaults.decide(state, new StepOutcome.InstructionGiven(NextInstruction.END)))
                .isEqualTo(new Finish(new Stop(RunEnding.ANSWERED, "the model answered without calling a tool")));
        assertThat(defaults.decide(state, new StepOutcome.InstructionGiven(NextInstruction.STOP)))
                .isEqualTo(new Finish(new Stop(RunEnding.STOPPED, "stopped at the prompt")));
    }

    @Test
    void aFailedModelCallEndsTheRunWithAReasonForEachKindOfFailure() {
        RunState state =
                new RunState(1, 1, Usage.ZERO, BigDecimal.ZERO, null, Duration.ofSeconds(31), null, Interrupt.NONE);
        Duration limit = Duration.ofSeconds(30);

        assertThat(finish(state, new StepOutcome.ModelFailed(Failure.INTERRUPTED, "cut", limit)))
                .isEqualTo(new Stop(RunEnding.INTERRUPTED, "interrupted (Ctrl+C)"));
        assertThat(finish(state, new StepOutcome.ModelFailed(Failure.DEADLINE, "HTTP 529 overloaded", limit)))
                .isEqualTo(new Stop(RunEnding.TIMEOUT, "ran 31 s of a limit of 30 s; HTTP 529 overloaded"));
        assertThat(finish(state, new StepOutcome.ModelFailed(Failure.DEADLINE, "read timed out", null)))
                .isEqualTo(new Stop(RunEnding.TIMEOUT, "ran 31 s; read timed out"));
        assertThat(finish(state, new StepOutcome.ModelFailed(Failure.UNREACHABLE, "no key", limit)))
                .isEqualTo(new Stop(RunEnding.NO_MODEL, "no key"));
        assertThat(finish(state, new StepOutcome.ModelFailed(Failure.FAILED, "HTTP 401 bad key", limit)))
                .isEqualTo(new Stop(RunEnding.MODEL_FAILED, "HTTP 401 bad key"));
    }

    @Test
    void theWallClockAndAnUnpricedModelEndARunBeforeItsNextCall() {
        TurnDecider clock =
                new TurnDecider(StopRules.of(RunLimits.DEFAULTS.withTimeout(Duration.ofSeconds(5)), List.of()));
        RunState late =
                new RunState(3, 3, Usage.ZERO, BigDecimal.ZERO, null, Duration.ofSeconds(5), null, Interrupt.NONE);
        assertThat(clock.decide(late, new StepOutcome.ToolsRan(false)))
                .isEqualTo(new Finish(new Stop(RunEnding.TIMEOUT, "ran 5 s of a limit of 5 s")));

        TurnDecider budget =
                new TurnDecider(StopRules.of(RunLimits.DEFAULTS.withCostBudget(new BigDecimal("0.50")), List.of()));
        RunState unpriced =
                new RunState(1, 1, Usage.ZERO, BigDecimal.ZERO, "acme:mystery", Duration.ZERO, null, Interrupt.NONE);
        assertThat(budget.decide(unpriced, new StepOutcome.Started()))
                .isEqualTo(new Finish(new Stop(
                        RunEnding.COST_BUDGET,
                        "cannot keep a budget of $0.50: the price of acme:mystery is unknown"
                                + " (add it under \"pricing\" in marble.json)")));
    }

    @Test
    void theCallersConditionsComeAfterMarblesLimitsAndBeforeCtrlCAndTheTurnLimit() {
        StopCondition fiveHundred = state -> state.usage().totalTokens() >= 500
                ? Optional.of(new Stop(RunEnding.COMPLETED, "enough tokens for this task"))
                : Optional.empty();
        TurnDecider decider = new TurnDecider(StopRules.of(
                RunLimits.DEFAULTS.withTokenBudget(1000).withMaxTurns(1),
                List.of(state -> Optional.empty(), fiveHundred)));
        StepOutcome started = new StepOutcome.Started();

        assertThat(decider.decide(state(1, 1, 1200, null, Interrupt.SEEN), started))
                .isEqualTo(new Finish(new Stop(RunEnding.TOKEN_BUDGET, "used 1200 tokens of a budget of 1000")));
        assertThat(decider.decide(state(1, 1, 600, null, Interrupt.SEEN), started))
                .isEqualTo(new Finish(new Stop(RunEnding.COMPLETED, "enough tokens for this task")));
        // Checked after an answer too: its tool calls are then answered as not run.
        Finish finish =
                (Finish) decider.decide(state(1, 1, 600, "x", Interrupt.NONE), new StepOutcome.Answered(CALLS, "x"));
        assertThat(finish.stop().detail()).isEqualTo("enough tokens for this task");
        assertThat(finish.notRun())
                .extracting(Part.ToolResult::content)
                .containsOnly("not run: the run stopped (completed)");
    }

    @Test
    void theSameInputsGiveTheSameDecision() {
        TurnDecider decider = new TurnDecider(StopRules.of(RunLimits.DEFAULTS.withMaxTurns(3), List.of()));
        for (StepOutcome outcome : List.of(
                new StepOutcome.Started(),
                new StepOutcome.Answered(CALLS, "a"),
                new StepOutcome.ToolsRan(false),
                new StepOutcome.InstructionGiven(NextInstruction.END))) {
            RunState state = state(3, 3, 10, "a", Interrupt.NONE);
            assertThat(decider.decide(state, outcome)).isEqualTo(decider.decide(state, outcome));
        }
    }

    private Stop finish(RunState state, StepOutcome outcome) {
        return ((Finish) defaults.decide(state, outcome)).stop();
    }

    private static RunState state(int turns, int sinceAsked, long tokens, String text, Interrupt interrupt) {
        return new RunState(
                turns,
                sinceAsked,
                new Usage(tokens, 0, 0, 0),
                BigDecimal.ZERO,
                null,
                Duration.ofSeconds(1),
                text,
                interrupt);
    }
}
