package dev.marble.provider.resilience;

import dev.marble.config.MarbleConfig;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How often and how patiently to retry one model: exponential backoff from {@code initialDelay},
 * doubled each time up to {@code maxDelay}, with "equal jitter" (half fixed, half random) so that
 * many clients that failed together do not retry together. A server's {@code Retry-After} replaces
 * the computed wait, unless it asks for longer than {@code maxServerWait}: then waiting is not worth
 * it and the next fallback is tried at once.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxServerWait) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(5));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
    }

    public static RetryPolicy from(MarbleConfig config) {
        return new RetryPolicy(
                (int) config.number("retry.max_attempts", DEFAULT.maxAttempts)
                        .value()
                        .longValue(),
                Duration.ofMillis(config.number("retry.initial_delay_ms", DEFAULT.initialDelay.toMillis())
                        .value()),
                Duration.ofMillis(config.number("retry.max_delay_ms", DEFAULT.maxDelay.toMillis())
                        .value()),
                DEFAULT.maxServerWait);
    }

    /** The wait before retry number {@code retry} (1 = the first retry), without a server's say. */
    public Duration backoff(int retry, DoubleSupplier random) {
        long base = initialDelay.toMillis();
        long cap = maxDelay.toMillis();
        long exponential = retry >= 62 ? cap : Math.min(cap, base << Math.min(retry - 1, 30));
        long half = exponential / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (exponential - half)));
    }
}
