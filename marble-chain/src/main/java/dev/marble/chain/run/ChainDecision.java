package dev.marble.chain.run;

import dev.marble.chain.LinkSpec;
import dev.marble.chain.state.Progress;
import dev.marble.chain.state.Shutdown;

/**
 * What a chain does next, as {@link ChainStep} decides it and a driver ({@link ChainRun}) performs it. Two points
 * decide: before a link ({@link BeforeLink}) and after one ran or was skipped ({@link AfterLink}).
 */
public sealed interface ChainDecision {

    /** Before a link: stop, or which link to run or skip. */
    sealed interface BeforeLink extends ChainDecision {}

    /** After a link: go on, or the round it ended is complete, or the chain is. */
    sealed interface AfterLink extends ChainDecision {}

    /** A shutdown condition holds: honour it (status, reason, notification) and end the start. */
    record ShutDown(Shutdown shutdown) implements BeforeLink {}

    /**
     * The start was interrupted (a signal, {@code stop --now}): end it with the cursor as it is, so the next start
     * resumes there; a link that was running stays in flight and runs again.
     */
    record Interrupted() implements BeforeLink, AfterLink {}

    /**
     * The cursor points past the last link: the chain file lost links since the cursor was written, so the round
     * is over. Not a completed round (nothing is noted, a single-pass chain does not end): the chain goes on at
     * {@code cursor}.
     */
    record NextRound(Progress cursor) implements BeforeLink {}

    /**
     * Link {@code index} does not run: it runs only when assigned, and the handoff assigns {@code assigned}
     * ("nobody" when it names no one). {@code cursor} is past it.
     */
    record SkipLink(int round, int index, LinkSpec link, String assigned, Progress cursor) implements BeforeLink {}

    /** Run link {@code index} of round {@code round} (1-based); {@code resumed}: it did not finish last time. */
    record RunLink(int round, int index, LinkSpec link, boolean resumed) implements BeforeLink {}

    /** The round goes on: pause, then the next step. */
    record NextLink() implements AfterLink {}

    /** The link ended round {@code round}: note it, pause, go on with the next round. */
    record RoundComplete(int round) implements AfterLink {}

    /** The link ended round {@code round} of a single-pass chain ({@code once}, {@code deadend}): it is COMPLETED. */
    record Completed(int round) implements AfterLink {}
}
