package dev.marble.agent;

import dev.marble.agent.StepOutcome.ModelFailed;
import dev.marble.agent.TurnDecision.Finish;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The turn loop's decisions, apart from its effects: given where a run stands and how its last step came out, what it
 * does next. No I/O, no clock, no thread state: everything is in its inputs, so the same inputs always give the same
 * decision, and a second driver (a Temporal workflow) can run the same loop. {@link AgentRun} is the local driver.
 */
public final class TurnDecider {

    /**
     * How many times in a row a paused turn is continued. A provider that pauses for ever (or a hostile endpoint
     * posing as one) would otherwise keep the run calling; each continuation also counts as a turn, so the turn limit
     * and the budgets stop it sooner when they are lower.
     */
    public static final int MAX_CONTINUATIONS = 10;

    private static final StopCondition.Stop ANSWERED =
            new StopCondition.Stop(RunEnding.ANSWERED, "the model answered without calling a tool");
    private static final StopCondition.Stop STOPPED =
            new StopCondition.Stop(RunEnding.STOPPED, "stopped at the prompt");

    private final StopRules rules;
    /** What is checked before a model call: the conditions of every turn, then those of that point. */
    private final List<StopCondition> beforeCall;

    public TurnDecider(StopRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.beforeCall = Stream.concat(rules.everyTurn().stream(), rules.beforeCall().stream())
                .toList();
    }

    public TurnDecision decide(RunState state, StepOutcome last) {
        return switch (last) {
            case StepOutcome.Started started -> beforeCall(state);
            case StepOutcome.Answered answered -> afterAnswer(state, answered);
            case StepOutcome.ToolsRan tools -> afterTools(state, tools);
            case StepOutcome.Paused paused -> afterPause(state, paused);
            case ModelFailed failed -> new Finish(stop(failed, state.elapsed()));
            case StepOutcome.ContinueAnswered answer ->
                answer.goOn() ? new TurnDecision.CallModel() : new Finish(answer.ifDeclined());
            case StepOutcome.InstructionGiven given ->
                switch (given.instruction()) {
                    case NextInstruction.Send send -> beforeCall(state);
                    case NextInstruction.End end -> new Finish(ANSWERED);
                    case NextInstruction.Stop stop -> new Finish(STOPPED);
                };
        };
    }

    /** Before a model call: the limits, then Ctrl+C and the turn limit; a turn limit asks a person first. */
    private TurnDecision beforeCall(RunState state) {
        Optional<StopCondition.Stop> stop = Condition.first(beforeCall, state);
        if (stop.isEmpty()) return new TurnDecision.CallModel();
        if (stop.get().ending() == RunEnding.MAX_TURNS) {
            return new TurnDecision.AskToContinue(state.turns(), stop.get());
        }
        return new Finish(stop.get());
    }

    /**
     * After an answer: a limit it used up stops the run before its tool calls (which are answered as not run);
     * otherwise its tool calls run, or, without any, the turn is done.
     */
    private TurnDecision afterAnswer(RunState state, StepOutcome.Answered answered) {
        Optional<StopCondition.Stop> stop = Condition.first(rules.everyTurn(), state);
        if (!answered.toolCalls().isEmpty()) {
            return stop.<TurnDecision>map(s -> Finish.leaving(s, answered.toolCalls()))
                    .orElseGet(() -> new TurnDecision.RunTools(answered.toolCalls()));
        }
        if (stop.isPresent()) return new Finish(stop.get());
        return Condition.first(rules.afterTurn(), state.withInterrupt(RunState.Interrupt.NONE))
                .<TurnDecision>map(Finish::new)
                .orElseGet(() -> new TurnDecision.AskNextInstruction(answered.text()));
    }

    /** A paused turn goes on with the next call, within the limits, unless it paused too often in a row. */
    private TurnDecision afterPause(RunState state, StepOutcome.Paused paused) {
        if (paused.inARow() > MAX_CONTINUATIONS) {
            return new Finish(new StopCondition.Stop(
                    RunEnding.MODEL_FAILED,
                    "the model paused its turn " + paused.inARow() + " times in a row (pause_turn); gave up after "
                            + MAX_CONTINUATIONS + " continuations"));
        }
        return beforeCall(state);
    }

    /** After the tool round: Ctrl+C during it, the completion marker, then on to the next turn's checks. */
    private TurnDecision afterTools(RunState state, StepOutcome.ToolsRan tools) {
        RunState turnDone = state.withInterrupt(
                tools.interrupted() ? RunState.Interrupt.DURING_TOOL_CALL : RunState.Interrupt.NONE);
        return Condition.first(rules.afterTurn(), turnDone)
                .<TurnDecision>map(Finish::new)
                .orElseGet(() -> beforeCall(state));
    }

    /** How a failed model call ends the run, in words for people. */
    static StopCondition.Stop stop(ModelFailed failed, Duration elapsed) {
        return switch (failed.failure()) {
            case INTERRUPTED -> new StopCondition.Stop(RunEnding.INTERRUPTED, "interrupted (Ctrl+C)");
            case DEADLINE ->
                new StopCondition.Stop(
                        RunEnding.TIMEOUT,
                        "ran " + elapsed.toSeconds() + " s"
                                + (failed.limit() == null
                                        ? ""
                                        : " of a limit of " + failed.limit().toSeconds() + " s")
                                + "; " + failed.message());
            case UNREACHABLE -> new StopCondition.Stop(RunEnding.NO_MODEL, failed.message());
            case FAILED -> new StopCondition.Stop(RunEnding.MODEL_FAILED, failed.message());
        };
    }
}
