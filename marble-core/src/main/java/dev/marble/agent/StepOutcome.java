package dev.marble.agent;

import dev.marble.model.Part;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the step the driver just performed came out: the input, beside the {@link RunState}, from which the
 * {@link TurnDecider} decides the next. Plain values only (no exceptions, no threads), so that a workflow engine can
 * record and replay them.
 */
public sealed interface StepOutcome {

    /** The run begins: the conversation ends with the user's message. */
    record Started() implements StepOutcome {}

    /** The model answered (already added to the conversation): its tool calls, possibly none, and its text. */
    record Answered(List<Part.ToolCall> toolCalls, String text) implements StepOutcome {
        public Answered {
            toolCalls = List.copyOf(toolCalls);
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The provider paused a long turn of its own (Anthropic's {@code pause_turn}, while its server tools ran): the
     * answer so far is in the conversation as the latest assistant message, and a call with it goes on with the same
     * turn. No user message is added.
     *
     * @param inARow how many answers in a row paused, this one included
     */
    record Paused(int inARow) implements StepOutcome {
        public Paused {
            if (inARow < 1) throw new IllegalArgumentException("a pause counts from 1: " + inARow);
        }
    }

    /**
     * Every attempt at the model failed.
     *
     * @param limit the run's time limit, when it has one (for the detail of a timeout)
     */
    record ModelFailed(Failure failure, String message, Duration limit) implements StepOutcome {

        /** What the driver made of the failure; in this order, the first that applies. */
        public enum Failure {
            /** Ctrl+C cut the call short. */
            INTERRUPTED,
            /** The run's deadline cut the call short, or passed while it was retried: the time limit at work. */
            DEADLINE,
            /** No model could be reached at all (missing keys, a missing program): the setup fails. */
            UNREACHABLE,
            /** The model failed. */
            FAILED
        }

        public ModelFailed {
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** The tool calls ran and their results were added; {@code interrupted}: Ctrl+C cut the round short. */
    record ToolsRan(boolean interrupted) implements StepOutcome {}

    /** A person was asked whether to go past the turn limit; the driver carries back what to end with if not. */
    record ContinueAnswered(boolean goOn, StopCondition.Stop ifDeclined) implements StepOutcome {}

    /** A person was asked for the next instruction (a {@link NextInstruction.Send} is already in the conversation). */
    record InstructionGiven(NextInstruction instruction) implements StepOutcome {
        public InstructionGiven {
            Objects.requireNonNull(instruction, "instruction");
        }
    }
}
