package dev.marble.agent;

import dev.marble.config.Environment;
import dev.marble.event.EventBus;
import dev.marble.event.Ids;
import dev.marble.secret.SecretRedactor;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What every run and chain shares and takes from outside instead of reaching for it: where events go, the clock,
 * where ids come from, what removes secrets, and the environment. Passed as one value so that no constructor
 * lists them one by one, and so that a second driver (a workflow engine, a test) can hand in its own clock and ids
 * and get the same decisions back.
 */
public record RunServices(
        EventBus events, Clock clock, Supplier<String> ids, SecretRedactor redactor, Environment environment) {

    public RunServices {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(redactor, "redactor");
        Objects.requireNonNull(environment, "environment");
    }

    /** The services of a process: the system clock in UTC and time-ordered ids. */
    public static RunServices of(EventBus events, SecretRedactor redactor, Environment environment) {
        return new RunServices(events, Clock.systemUTC(), Ids::next, redactor, environment);
    }

    public RunServices withClock(Clock other) {
        return new RunServices(events, other, ids, redactor, environment);
    }

    public RunServices withIds(Supplier<String> other) {
        return new RunServices(events, clock, other, redactor, environment);
    }

    public String nextId() {
        return ids.get();
    }
}
