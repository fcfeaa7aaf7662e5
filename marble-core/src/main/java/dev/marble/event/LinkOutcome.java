package dev.marble.event;

import java.util.Locale;

/**
 * How one link of a chain ended, for the failure count and for {@link Event.LinkFinished}. The journal, the JSON
 * lines and the chain's log keep the lower-case words ({@link #wireName()}).
 */
public enum LinkOutcome {
    /** The link's agent run answered: the failure count starts again at 0. */
    OK,
    /** The link's run failed: one more failure in a row. */
    FAILED,
    /** Not run: the handoff assigned the work to another link. Neither adds to nor resets the failure count. */
    SKIPPED,
    /** Stopped by a signal: the link has not finished, and the next start runs it again. */
    INTERRUPTED;

    /** The word events and the journal carry: {@code ok}, {@code failed}, {@code skipped}, {@code interrupted}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
