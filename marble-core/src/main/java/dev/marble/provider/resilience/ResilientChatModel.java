package dev.marble.provider.resilience;

import dev.marble.error.DeadlinePassedException;
import dev.marble.error.ModelCallFailedException;
import dev.marble.error.ModelException;
import dev.marble.model.Attempt;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Deadline;
import dev.marble.model.ModelRef;
import dev.marble.model.StreamListener;
import dev.marble.provider.ChatModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Tries the primary model, retrying what can be retried, then each fallback model in order. The
 * response carries every attempt; when all fail, the error names each one. An interrupt ends the
 * call at once: a person pressing Ctrl+C does not want a fallback.
 *
 * <p>The request's {@link Deadline} bounds the whole call, waits included: no attempt starts after
 * it, and a wait that would end after it is not waited (the next fallback, if any, is tried at
 * once). Reaching it throws {@link DeadlinePassedException}, which the run reports as a timeout.
 */
public final class ResilientChatModel implements ChatModel {

    private final List<ChatModel> candidates;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    public ResilientChatModel(List<ChatModel> candidates, RetryPolicy policy, Sleeper sleeper, DoubleSupplier random) {
        if (candidates.isEmpty()) throw new IllegalArgumentException("no model to call");
        this.candidates = List.copyOf(candidates);
        this.policy = Objects.requireNonNull(policy);
        this.sleeper = Objects.requireNonNull(sleeper);
        this.random = Objects.requireNonNull(random);
    }

    public ResilientChatModel(List<ChatModel> candidates, RetryPolicy policy) {
        this(candidates, policy, Sleeper.REAL, () -> ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public ModelRef ref() {
        return candidates.getFirst().ref();
    }

    public List<ModelRef> chain() {
        return candidates.stream().map(ChatModel::ref).toList();
    }

    @Override
    public ChatResponse chat(ChatRequest request, StreamListener listener) {
        Deadline deadline = request.deadline();
        List<Attempt> attempts = new ArrayList<>();
        ModelException last = null;
        boolean reachedAModel = false;
        Duration wait = Duration.ZERO;
        for (int c = 0; c < candidates.size(); c++) {
            ChatModel model = candidates.get(c);
            for (int number = 1; number <= policy.maxAttempts(); number++) {
                if (deadline.passed()) throw new DeadlinePassedException(attempts, lastOrTimeout(last));
                long start = System.nanoTime();
                try {
                    ChatResponse response = model.chat(request, listener);
                    attempts.add(new Attempt(model.ref(), number, elapsed(start), null, wait));
                    return response.withAttempts(attempts);
                } catch (ModelException failure) {
                    last = failure;
                    reachedAModel |= failure.kind() != ModelException.Kind.UNAVAILABLE;
                    Attempt attempt = new Attempt(model.ref(), number, elapsed(start), failure.getMessage(), wait);
                    attempts.add(attempt);
                    if (failure.kind() == ModelException.Kind.INTERRUPTED)
                        throw new ModelCallFailedException(attempts, failure);
                    if (deadline.passed()) throw new DeadlinePassedException(attempts, failure);
                    boolean moreAttempts = failure.retryable() && number < policy.maxAttempts();
                    Duration serverWait = failure.retryAfter();
                    if (moreAttempts && serverWait != null && serverWait.compareTo(policy.maxServerWait()) > 0) {
                        moreAttempts = false; // the server asks for longer than is worth waiting
                    }
                    wait = moreAttempts
                            ? (serverWait != null ? serverWait : policy.backoff(number, random))
                            : Duration.ZERO;
                    boolean anotherModel = c + 1 < candidates.size();
                    if (moreAttempts && !deadline.leavesTimeAfter(wait)) {
                        // The retry would start after the deadline: a fallback can still be tried at once.
                        if (!anotherModel) throw new DeadlinePassedException(attempts, failure);
                        moreAttempts = false;
                        wait = Duration.ZERO;
                    }
                    if (!moreAttempts && !anotherModel) break;
                    listener.onAttemptFailed(attempt, wait);
                    pause(wait, attempts, failure);
                    if (!moreAttempts) break;
                }
            }
        }
        throw new ModelCallFailedException(attempts, last, !reachedAModel);
    }

    /** The failure to report when the deadline passed with no attempt made yet (or none failed). */
    private static ModelException lastOrTimeout(ModelException last) {
        return last != null ? last : new ModelException(ModelException.Kind.TIMEOUT, "the time limit was reached");
    }

    private void pause(Duration wait, List<Attempt> attempts, ModelException failure) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelCallFailedException(
                    attempts,
                    new ModelException(
                            ModelException.Kind.INTERRUPTED,
                            "interrupted while waiting to retry after: " + failure.getMessage()));
        }
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
