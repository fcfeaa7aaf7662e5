package dev.marble.api;

import dev.marble.agent.RunEnding;
import dev.marble.agent.RunState;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A reason of your own to end a run, checked with Marble's limits before each model call and after each answer;
 * the first that fires ends the run with its ending and detail:
 * <pre>{@code
 * .stopWhen(StopCondition.when(state -> state.turns() >= 3, "three turns are enough"))
 * .stopWhen(state -> state.usage().outputTokens() > 2_000
 *         ? Optional.of(new StopCondition.Stop(RunEnding.COMPLETED, "wrote enough")) : Optional.empty())
 * }</pre>
 * The state ({@code dev.marble.agent.RunState}) has the turns so far, the tokens, the dollars, the elapsed time and
 * the model's latest text. This is the engine's {@code dev.marble.agent.StopCondition}, under the library's name.
 */
@FunctionalInterface
public interface StopCondition extends dev.marble.agent.StopCondition {

    /** Ends the run as {@code COMPLETED}, with {@code detail} as its detail, once {@code test} holds. */
    static StopCondition when(Predicate<RunState> test, String detail) {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(detail, "detail");
        Optional<Stop> stop = Optional.of(new Stop(RunEnding.COMPLETED, detail));
        return state -> test.test(state) ? stop : Optional.empty();
    }
}
