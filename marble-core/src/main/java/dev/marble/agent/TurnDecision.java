package dev.marble.agent;

import dev.marble.model.Part;
import java.util.List;
import java.util.Objects;

/**
 * What a run does next, as the {@link TurnDecider} decides it; the driver ({@link AgentRun}, or a workflow) performs
 * it and reports back a {@link StepOutcome}.
 */
public sealed interface TurnDecision {

    /** Start the next turn: call the model with the conversation so far. */
    record CallModel() implements TurnDecision {}

    /** Run the tool calls of the latest answer, in order, and answer them together. */
    record RunTools(List<Part.ToolCall> calls) implements TurnDecision {
        public RunTools {
            calls = List.copyOf(calls);
        }
    }

    /** The turn limit is reached: ask a person whether to go on; if not, end with {@code ifDeclined}. */
    record AskToContinue(int turns, StopCondition.Stop ifDeclined) implements TurnDecision {
        public AskToContinue {
            Objects.requireNonNull(ifDeclined, "ifDeclined");
        }
    }

    /** The model answered without calling a tool or finishing: ask a person for the next instruction. */
    record AskNextInstruction(String answer) implements TurnDecision {}

    /**
     * End the run with {@code stop}. {@code notRun} answers the tool calls of the latest answer that will not run (a
     * budget ran out before them), so the conversation stays valid for a later continuation; empty otherwise.
     */
    record Finish(StopCondition.Stop stop, List<Part.ToolResult> notRun) implements TurnDecision {
        public Finish {
            Objects.requireNonNull(stop, "stop");
            notRun = List.copyOf(notRun);
        }

        public Finish(StopCondition.Stop stop) {
            this(stop, List.of());
        }

        /** Ends with {@code stop}, answering each of {@code calls} with why it did not run. */
        static Finish leaving(StopCondition.Stop stop, List<Part.ToolCall> calls) {
            String why = "not run: the run stopped (" + stop.ending().wireName() + ")";
            return new Finish(
                    stop,
                    calls.stream()
                            .map(call -> new Part.ToolResult(call.id(), why, true))
                            .toList());
        }
    }
}
