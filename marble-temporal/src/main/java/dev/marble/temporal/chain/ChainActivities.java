package dev.marble.temporal.chain;

import io.temporal.activity.ActivityInterface;

/**
 * The effects of a chain's steps, run by the worker that holds its workspace (a {@link
 * dev.marble.chain.run.SteppedChainRun} per chain): the same files, log lines and events as a local start. Every
 * method finds or opens the chain's run on this worker first, so a worker that took a chain over (or restarted)
 * resumes it as a local restart would: a link that did not finish is ended and its handoff restored.
 */
@ActivityInterface(namePrefix = "MarbleChain")
public interface ChainActivities {

    /** Takes the chain on this worker (on the shared queue: whichever worker polls first). */
    Opened open(ChainRef chain);

    /** Moves the cursor to the next round (the chain file lost links since the cursor was written). */
    ChainView nextRound(ChainRef chain);

    /**
     * Runs link {@code index} of round {@code round}, heartbeating while it runs, and its bookkeeping after it (the
     * update, the round's line when it ended one): one step per link ({@link LinkSteps}).
     */
    LinkResult runLink(ChainRef chain, int round, int index);

    /** Records link {@code index} of round {@code round} as skipped, with its bookkeeping. */
    LinkResult skipLink(ChainRef chain, int round, int index);

    /**
     * Ends the chain's start: {@code how} is {@code SHUTDOWN} (with the {@link dev.marble.chain.state.Shutdown}'s
     * reason and text), {@code COMPLETED}, {@code INTERRUPTED} or {@code ERROR} (text: why). Returns the status word
     * and reason.
     */
    String end(ChainRef chain, String how, String reason, String text);
}
