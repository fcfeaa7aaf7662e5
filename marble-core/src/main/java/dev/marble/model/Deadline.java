package dev.marble.model;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The instant by which a whole run (or a chain link) must be over, read from an injected clock. It
 * travels with every {@link ChatRequest}, so that retries, back-off waits and fallbacks all count
 * against the same limit: each attempt gets at most the time left, and none starts once it is gone.
 * A per-attempt timeout alone let {@code --timeout 5} run for three attempts of 5 s each.
 *
 * @param at    the last instant of the run; {@link Instant#MAX} when there is no limit
 * @param limit the limit as given, for messages; null when there is none
 */
public record Deadline(Instant at, Duration limit, Clock clock) {

    /** No limit: every timeout passes through unchanged and the deadline never passes. */
    public static final Deadline NONE = new Deadline(Instant.MAX, null, Clock.systemUTC());

    /** An attempt left with less than this is still made: a zero timeout would mean "no limit" to some clients. */
    private static final Duration SHORTEST_ATTEMPT = Duration.ofMillis(1);

    public Deadline {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(clock, "clock");
    }

    /** A deadline {@code limit} from now; null (no limit) gives {@link #NONE}. */
    public static Deadline after(Duration limit, Clock clock) {
        if (limit == null) return NONE;
        if (limit.isNegative()) throw new IllegalArgumentException("a time limit cannot be negative: " + limit);
        Instant now = clock.instant();
        // A limit of centuries (--timeout 9223372036854775807) means "no practical limit", not an overflow.
        Instant at = Duration.between(now, Instant.MAX).compareTo(limit) <= 0 ? Instant.MAX : now.plus(limit);
        return new Deadline(at, limit, clock);
    }

    public boolean bounded() {
        return limit != null;
    }

    /** Time left, never negative; for an unbounded deadline, the distance to the end of time. */
    public Duration remaining() {
        if (!bounded()) return Duration.between(clock.instant(), at);
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public boolean passed() {
        return bounded() && !clock.instant().isBefore(at);
    }

    /** {@code timeout}, shortened to the time left: what one attempt may take. */
    public Duration clip(Duration timeout) {
        if (!bounded()) return timeout;
        Duration left = remaining();
        if (left.compareTo(SHORTEST_ATTEMPT) < 0) left = SHORTEST_ATTEMPT;
        return timeout == null || timeout.compareTo(left) > 0 ? left : timeout;
    }

    /** Whether waiting {@code wait} still leaves time for something to happen before the deadline. */
    public boolean leavesTimeAfter(Duration wait) {
        return !bounded() || remaining().compareTo(wait) > 0;
    }
}
