package dev.marble.agent;

import java.util.Optional;

/**
 * The one kind of condition that ends work in Marble: a pure function from where the work stands ({@code S}) to the
 * reason to stop ({@code R}), or nothing. An agent run's {@link StopCondition} and a chain's shutdown condition are
 * both this, over their own state; each checks a list in order and the first that holds ends the work. A condition
 * reads no clock and no file (the state carries the time), so every driver, a workflow engine replaying decisions
 * included, gets the same answer from the same state.
 *
 * @param <S> what the condition looks at
 * @param <R> what it answers when it holds
 */
@FunctionalInterface
public interface Condition<S, R> {

    Optional<R> check(S state);

    /** The first answer of {@code conditions} in order, or empty when none holds. */
    static <S, R> Optional<R> first(Iterable<? extends Condition<S, R>> conditions, S state) {
        for (Condition<S, R> condition : conditions) {
            Optional<R> answer = condition.check(state);
            if (answer.isPresent()) return answer;
        }
        return Optional.empty();
    }
}
