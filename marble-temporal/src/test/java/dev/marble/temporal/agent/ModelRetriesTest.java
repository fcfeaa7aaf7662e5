package dev.marble.temporal.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.agent.StepOutcome;
import dev.marble.error.DeadlinePassedException;
import dev.marble.error.ModelCallFailedException;
import dev.marble.error.ModelException;
import dev.marble.provider.resilience.RetryPolicy;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Marble's retry policy as Temporal's: what is retried, after how long, and what a final failure means to the run. */
class ModelRetriesTest {

    private static final RunOrder.Retry RETRY = ModelRetries.of(RetryPolicy.DEFAULT);

    @Test
    void theRetryOptionsAreMarblesPolicy() {
        RetryOptions options = ModelRetries.options(ModelRetries.of(
                new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofMinutes(5))));

        assertThat(options.getMaximumAttempts()).isEqualTo(4);
        assertThat(options.getInitialInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.getMaximumInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(options.getBackoffCoefficient()).isEqualTo(2.0);
        assertThat(options.getDoNotRetry())
                .containsExactlyInAnyOrder(ModelRetries.FAILED, ModelRetries.UNREACHABLE, ModelRetries.DEADLINE);
    }

    @Test
    void aRateLimitIsRetriedAfterTheServersRetryAfter() {
        ModelException limited =
                new ModelException(ModelException.Kind.RATE_LIMITED, "429 slow down", 429, Duration.ofSeconds(7), null);

        ApplicationFailure failure = ModelRetries.failure(limited, RETRY, text -> text);

        assertThat(failure.isNonRetryable()).isFalse();
        assertThat(failure.getType()).isEqualTo(ModelRetries.RETRYABLE);
        assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aRetryAfterLongerThanMarbleWaitsIsLeftToTheBackoff() {
        ModelException limited = new ModelException(
                ModelException.Kind.RATE_LIMITED, "429 come back tomorrow", 429, Duration.ofHours(20), null);

        ApplicationFailure failure = ModelRetries.failure(limited, RETRY, text -> text);

        assertThat(failure.isNonRetryable()).isFalse();
        assertThat(failure.getNextRetryDelay()).isNull();
    }

    @Test
    void aBadRequestIsNotRetriedAndItsMessageIsRedacted() {
        ModelException bad =
                new ModelException(ModelException.Kind.BAD_REQUEST, "400 bad key sk-secret", 400, null, null);

        ApplicationFailure failure = ModelRetries.failure(bad, RETRY, text -> text.replace("sk-secret", "[redacted]"));

        assertThat(failure.isNonRetryable()).isTrue();
        assertThat(failure.getType()).isEqualTo(ModelRetries.FAILED);
        assertThat(failure.getOriginalMessage()).isEqualTo("400 bad key [redacted]");
    }

    @Test
    void noModelReachableAndTheDeadlineAreNotRetriedAndEndTheRunAsLocally() {
        ModelException missing = new ModelException(ModelException.Kind.UNAVAILABLE, "ANTHROPIC_API_KEY is not set");
        ApplicationFailure unreachable =
                ModelRetries.failure(new ModelCallFailedException(List.of(), missing, true), RETRY, t -> t);
        ApplicationFailure deadline =
                ModelRetries.failure(new DeadlinePassedException(List.of(), missing), RETRY, t -> t);

        assertThat(unreachable.isNonRetryable()).isTrue();
        assertThat(unreachable.getType()).isEqualTo(ModelRetries.UNREACHABLE);
        assertThat(deadline.isNonRetryable()).isTrue();
        assertThat(deadline.getType()).isEqualTo(ModelRetries.DEADLINE);
        assertThat(ModelRetries.outcome(activityFailure(unreachable), null, false)
                        .failure())
                .isEqualTo(StepOutcome.ModelFailed.Failure.UNREACHABLE);
        assertThat(ModelRetries.outcome(activityFailure(deadline), Duration.ofMinutes(1), true)
                        .failure())
                .isEqualTo(StepOutcome.ModelFailed.Failure.DEADLINE);
    }

    @Test
    void callsLostWithTheirWorkersEndTheRunAsAFailedModel() {
        TimeoutFailure lost = new TimeoutFailure("heartbeat timeout", null, TimeoutType.TIMEOUT_TYPE_HEARTBEAT);

        StepOutcome.ModelFailed outcome = ModelRetries.outcome(activityFailure(lost), null, false);

        assertThat(outcome.failure()).isEqualTo(StepOutcome.ModelFailed.Failure.FAILED);
        assertThat(outcome.message()).startsWith("the model call timed out on its workers");
    }

    private static ActivityFailure activityFailure(RuntimeException cause) {
        return new ActivityFailure(
                "activity failed",
                5,
                6,
                "MarbleAgentRun.CallModel",
                "1",
                RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE,
                "worker",
                cause);
    }
}
