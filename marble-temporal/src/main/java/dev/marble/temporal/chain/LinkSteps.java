package dev.marble.temporal.chain;

import dev.marble.chain.run.ChainDecision;
import dev.marble.chain.run.ChainStep;
import dev.marble.chain.run.SteppedChainRun;
import dev.marble.chain.state.ChainState;
import dev.marble.chain.state.Progress;
import dev.marble.chain.state.StateDir;
import dev.marble.event.LinkOutcome;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A link (run or skipped) and its bookkeeping, as one step on the worker that holds the chain: the link, then the
 * update after it and the round's line when it ended one ({@link SteppedChainRun#linkDone}), decided here by the same
 * {@link ChainStep#afterLink} the workflow decides from. One activity per link instead of two: the workflow goes on
 * from the result without asking the worker again.
 *
 * <p>Exactly once, against a worker lost between the link's end and its answer: the link is not taken unless the
 * cursor leads to it, and {@link LinkReport} says whether the link the cursor is just past was reported. A repeat
 * finds the link done, does the bookkeeping if the lost worker had not, and answers as the lost worker would have.
 * (A crash between an update sent and the report written sends it again on the repeat: an update cannot be taken
 * back, and one sent twice is better than one lost.)
 */
final class LinkSteps {

    private final ChainWorkspace workspace;

    LinkSteps(ChainWorkspace workspace) {
        this.workspace = workspace;
    }

    /**
     * Runs link {@code index} of round {@code round} if the cursor leads there, with its bookkeeping. An interrupted
     * link answers with outcome INTERRUPTED, no bookkeeping and no reading: it has not finished.
     */
    LinkResult run(ChainSessions.Session session, int round, int index) {
        SteppedChainRun.Step done = take(session, round, index);
        if (done == null) return found(session, round, index, false);
        if (done.outcome() == LinkOutcome.INTERRUPTED) {
            // handed back: no reading (the thread is interrupted), the caller ends the step
            return new LinkResult(true, round, done.outcome().name(), null, false);
        }
        return finishing(() -> report(session, done, new LinkReport(round, index, false, false), false));
    }

    /**
     * The link alone, up to the cursor's move past it (its commit point), with the report that it was taken: what a
     * worker lost before its bookkeeping leaves behind. Null when the cursor does not lead to the link.
     */
    SteppedChainRun.Step take(ChainSessions.Session session, int round, int index) {
        ChainState now = session.run.read();
        if (!(step(session).next(now, false) instanceof ChainDecision.RunLink run)
                || run.round() != round
                || run.index() != index) {
            return null;
        }
        LinkReport taken = new LinkReport(round, index, false, false);
        finishing(() -> {
            taken.write(state(session));
            return taken;
        });
        workspace.beforeLink(session.project);
        SteppedChainRun.Step done = session.run.run(run, now.handoff());
        if (done.outcome() != LinkOutcome.INTERRUPTED) {
            workspace.afterLink(session.project, run.link().name(), round);
        }
        return done;
    }

    /** Records link {@code index} of round {@code round} as skipped if the cursor leads there, with its bookkeeping. */
    LinkResult skip(ChainSessions.Session session, int round, int index) {
        if (!(step(session).next(session.run.read(), false) instanceof ChainDecision.SkipLink skip)
                || skip.round() != round
                || skip.index() != index) {
            return found(session, round, index, true);
        }
        LinkReport taken = new LinkReport(round, index, true, false);
        return finishing(() -> {
            taken.write(state(session));
            return report(session, session.run.skip(skip), taken, false);
        });
    }

    /**
     * The cursor does not lead to the link asked for. When it is just past it and the report names it, the link
     * finished on a worker that was lost before it answered: its bookkeeping is done now if it was not, and the
     * answer is that worker's. Otherwise the state moved on without this link: not acted, the workflow decides again.
     */
    private LinkResult found(ChainSessions.Session session, int round, int index, boolean skipped) {
        Progress cursor = session.run.progress();
        Optional<LinkReport> report = LinkReport.read(state(session));
        if (report.isEmpty()
                || !report.get().names(round, index, skipped)
                || !justPast(
                        cursor,
                        round,
                        index,
                        session.run.parts().chain().links().size())) {
            return new LinkResult(
                    false,
                    round,
                    (skipped ? LinkOutcome.SKIPPED : LinkOutcome.OK).name(),
                    ChainActivitiesImpl.view(session),
                    false);
        }
        // The failure count follows the outcome of the link just finished: a failed link raised it, an ok one
        // cleared it. What the lost worker knew of the link beyond that (its detail) was lost with it.
        LinkOutcome outcome =
                skipped ? LinkOutcome.SKIPPED : cursor.consecutiveFailures() > 0 ? LinkOutcome.FAILED : LinkOutcome.OK;
        if (report.get().reported()) {
            return new LinkResult(true, round, outcome.name(), ChainActivitiesImpl.view(session), true);
        }
        SteppedChainRun.Step done = new SteppedChainRun.Step(
                session.run.parts().chain().links().get(index), round, outcome, cursor, null, null);
        session.run.note("REPORTED: " + done.link().name() + " of round " + round
                + " finished before its worker was lost; its update is sent now");
        return finishing(() -> report(session, done, report.get(), true));
    }

    /** The bookkeeping after {@code done}, then the report that it is done, then the answer. */
    private LinkResult report(
            ChainSessions.Session session, SteppedChainRun.Step done, LinkReport taken, boolean found) {
        ChainDecision.AfterLink after = step(session).afterLink(done.round(), done.outcome(), done.cursor());
        session.run.linkDone(
                done, after instanceof ChainDecision.RoundComplete || after instanceof ChainDecision.Completed);
        taken.done().write(state(session));
        return new LinkResult(true, done.round(), done.outcome().name(), ChainActivitiesImpl.view(session), found);
    }

    /**
     * Runs {@code step} with this thread's interrupt held back, and sets it again after. A worker that begins to stop
     * interrupts its links (LinkHeartbeat); a link that had finished by then (its cursor moved) is still reported,
     * as a link that ended is: an interrupt would make the files' channels refuse the report's writes, and the
     * link's bookkeeping would be neither done nor known to be missing.
     */
    private static <T> T finishing(Supplier<T> step) {
        boolean interrupted = Thread.interrupted();
        try {
            return step.get();
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /** Whether {@code cursor} is at the link right after link {@code index} of round {@code round}, none in flight. */
    static boolean justPast(Progress cursor, int round, int index, int links) {
        if (cursor.inFlight() != null) return false;
        long at = (long) cursor.round() * links + cursor.nextLink();
        return at == (long) (round - 1) * links + index + 1;
    }

    private static ChainStep step(ChainSessions.Session session) {
        return session.run.parts().step();
    }

    private static StateDir state(ChainSessions.Session session) {
        return session.run.parts().place().state();
    }
}
