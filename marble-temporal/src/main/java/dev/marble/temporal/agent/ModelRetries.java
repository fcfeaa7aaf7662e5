package dev.marble.temporal.agent;

import dev.marble.agent.StepOutcome;
import dev.marble.error.DeadlinePassedException;
import dev.marble.error.ModelCallFailedException;
import dev.marble.error.ModelException;
import dev.marble.provider.resilience.RetryPolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Marble's retry policy, with Temporal doing the retrying: each attempt of the model activity tries the primary model
 * and then each fallback once; a failure that retrying can help (rate limits, overloads, broken connections) is
 * retried by Temporal with Marble's backoff, and a server's {@code Retry-After} becomes the next attempt's delay; one
 * that it cannot help (a bad request, a missing key, the run's deadline) is marked non-retryable and ends the call at
 * once. Waiting between attempts holds no worker: the wait is the server's.
 */
public final class ModelRetries {

    /** A model failure retrying cannot help. */
    static final String FAILED = "MarbleModelFailed";
    /** No model can be reached on the worker: a missing key or program. */
    static final String UNREACHABLE = "MarbleNoModel";
    /** The run's time limit passed. */
    static final String DEADLINE = "MarbleDeadline";
    /** A failure a later attempt may not meet. */
    static final String RETRYABLE = "MarbleModelRetryable";

    private ModelRetries() {}

    public static RunOrder.Retry of(RetryPolicy policy) {
        return new RunOrder.Retry(
                policy.maxAttempts(),
                policy.initialDelay().toMillis(),
                policy.maxDelay().toMillis(),
                policy.maxServerWait().toMillis());
    }

    /** The model activity's retry options: Marble's attempts, first delay and cap, doubled as Marble doubles. */
    static RetryOptions options(RunOrder.Retry retry) {
        Duration initial = Duration.ofMillis(Math.max(100, retry.initialDelayMillis()));
        Duration max = Duration.ofMillis(Math.max(initial.toMillis(), retry.maxDelayMillis()));
        return RetryOptions.newBuilder()
                .setMaximumAttempts(Math.max(1, retry.maxAttempts()))
                .setInitialInterval(initial)
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(max)
                .setDoNotRetry(FAILED, UNREACHABLE, DEADLINE)
                .build();
    }

    /** What a failed model call throws out of its activity; messages are redacted again before they leave. */
    static ApplicationFailure failure(RuntimeException failure, RunOrder.Retry retry, UnaryOperator<String> redact) {
        String message = redact.apply(String.valueOf(failure.getMessage()));
        if (failure instanceof DeadlinePassedException)
            return ApplicationFailure.newNonRetryableFailure(message, DEADLINE);
        ModelException last =
                failure instanceof ModelCallFailedException f ? f.lastFailure() : (ModelException) failure;
        boolean unreachable = failure instanceof ModelCallFailedException f
                ? f.noModelReachable()
                : last.kind() == ModelException.Kind.UNAVAILABLE;
        if (unreachable) return ApplicationFailure.newNonRetryableFailure(message, UNREACHABLE);
        // INTERRUPTED: the worker is shutting down; another worker's attempt is worth making.
        if (!last.retryable() && last.kind() != ModelException.Kind.INTERRUPTED) {
            return ApplicationFailure.newNonRetryableFailure(message, FAILED);
        }
        Duration after = last.retryAfter();
        if (after != null && !after.isNegative() && after.toMillis() <= retry.maxServerWaitMillis()) {
            return ApplicationFailure.newFailureWithCauseAndDelay(message, RETRYABLE, null, after);
        }
        return ApplicationFailure.newFailure(message, RETRYABLE);
    }

    /** What the workflow makes of a model activity that failed for good. */
    static StepOutcome.ModelFailed outcome(ActivityFailure failure, Duration limit, boolean deadlinePassed) {
        Throwable cause = failure.getCause();
        if (cause instanceof ApplicationFailure application) {
            StepOutcome.ModelFailed.Failure kind = switch (application.getType()) {
                case DEADLINE -> StepOutcome.ModelFailed.Failure.DEADLINE;
                case UNREACHABLE -> StepOutcome.ModelFailed.Failure.UNREACHABLE;
                default ->
                    deadlinePassed ? StepOutcome.ModelFailed.Failure.DEADLINE : StepOutcome.ModelFailed.Failure.FAILED;
            };
            return new StepOutcome.ModelFailed(kind, application.getOriginalMessage(), limit);
        }
        String why = cause instanceof TimeoutFailure
                ? "the model call timed out on its workers (" + cause.getMessage() + ")"
                : String.valueOf(cause == null ? failure.getMessage() : cause.getMessage());
        return new StepOutcome.ModelFailed(
                deadlinePassed ? StepOutcome.ModelFailed.Failure.DEADLINE : StepOutcome.ModelFailed.Failure.FAILED,
                why,
                limit);
    }
}
