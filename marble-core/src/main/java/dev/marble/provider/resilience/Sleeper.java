package dev.marble.provider.resilience;

import java.time.Duration;

/** Waits between attempts. Tests pass one that records waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = duration -> {
        if (!duration.isZero() && !duration.isNegative()) Thread.sleep(duration);
    };

    void sleep(Duration duration) throws InterruptedException;
}
