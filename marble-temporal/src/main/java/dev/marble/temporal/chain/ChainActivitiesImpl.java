package dev.marble.temporal.chain;

import dev.marble.chain.run.ChainDecision;
import dev.marble.chain.run.ChainRun;
import dev.marble.chain.run.SteppedChainRun;
import dev.marble.chain.state.ChainState;
import dev.marble.chain.state.Shutdown;
import dev.marble.event.LinkOutcome;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The chain activities on this worker. A step the workflow asks for is checked against the worker's own cursor
 * before it is taken: the workflow decided from a reading that may be older than the files (a link finished just
 * before its worker died, and the activity was repeated), and the cursor is the truth. A step the cursor no longer
 * leads to is not taken ({@link LinkResult#acted} false), and the workflow decides again from the fresh reading.
 */
final class ChainActivitiesImpl implements ChainActivities {

    private final ChainSessions sessions;
    private final String worker;
    private final Duration heartbeat;
    private final ChainWorkspace workspace = ChainWorkspace.of(ChainWorkspace.PINNED);

    /**
     * @param worker    this worker's own queue, where the chains it takes send their links
     * @param heartbeat how often a running link tells the server it is alive
     */
    ChainActivitiesImpl(ChainSessions sessions, String worker, Duration heartbeat) {
        this.sessions = sessions;
        this.worker = worker;
        this.heartbeat = heartbeat;
    }

    @Override
    public Opened open(ChainRef chain) {
        ChainSessions.Session session = sessions.session(chain);
        return new Opened(
                worker, ChainOutline.of(session.spec, ZoneId.systemDefault().getId()), view(session));
    }

    @Override
    public ChainView read(ChainRef chain) {
        return view(sessions.session(chain));
    }

    @Override
    public ChainView nextRound(ChainRef chain) {
        ChainSessions.Session session = sessions.session(chain);
        return locked(session, () -> {
            if (decide(session) instanceof ChainDecision.NextRound next) session.run.nextRound(next.cursor());
            return view(session);
        });
    }

    @Override
    public LinkResult runLink(ChainRef chain, int round, int index) {
        ChainSessions.Session session = sessions.session(chain);
        try (LinkHeartbeat beat = LinkHeartbeat.start(Activity.getExecutionContext(), heartbeat, "link " + index)) {
            return locked(session, () -> runLink(chain, session, round, index));
        }
    }

    private LinkResult runLink(ChainRef chain, ChainSessions.Session session, int round, int index) {
        ChainState now = session.run.read();
        if (!(session.run.parts().step().next(now, false) instanceof ChainDecision.RunLink run)
                || run.round() != round
                || run.index() != index) {
            return new LinkResult(false, round, LinkOutcome.OK.name(), view(session));
        }
        workspace.beforeLink(session.project);
        SteppedChainRun.Step step = session.run.run(run, now.handoff());
        if (step.outcome() == LinkOutcome.INTERRUPTED) {
            // Handed back (the worker drains, or the workflow went away): the cursor still says in flight, and
            // whichever worker takes the link next resumes it as a restart would, from the handoff's snapshot.
            sessions.close(chain);
            throw ApplicationFailure.newFailure(
                    "the link " + run.link().name() + " was handed back by worker " + worker, "LinkHandedBack");
        }
        workspace.afterLink(session.project, run.link().name(), round);
        session.lastStep = step;
        return new LinkResult(true, round, step.outcome().name(), view(session));
    }

    @Override
    public LinkResult skipLink(ChainRef chain, int round, int index) {
        ChainSessions.Session session = sessions.session(chain);
        if (!(decide(session) instanceof ChainDecision.SkipLink skip)
                || skip.round() != round
                || skip.index() != index) {
            return new LinkResult(false, round, LinkOutcome.SKIPPED.name(), view(session));
        }
        session.lastStep = session.run.skip(skip);
        return new LinkResult(true, round, LinkOutcome.SKIPPED.name(), view(session));
    }

    @Override
    public void linkDone(ChainRef chain, boolean roundComplete) {
        ChainSessions.Session session = sessions.session(chain);
        locked(session, () -> {
            // A worker that took the chain over after the link did not see it run: there is no update to send.
            if (session.lastStep != null) session.run.linkDone(session.lastStep, roundComplete);
            session.lastStep = null;
            return null;
        });
    }

    @Override
    public String end(ChainRef chain, String how, String reason, String text) {
        ChainSessions.Session session = sessions.session(chain);
        try {
            ChainRun.Result result = switch (how) {
                case "SHUTDOWN" -> session.run.shutDown(new Shutdown(Shutdown.Reason.valueOf(reason), text));
                case "COMPLETED" -> session.run.completed();
                case "INTERRUPTED" -> session.run.interrupted();
                default -> {
                    session.run.failed(new IllegalStateException(text));
                    yield null;
                }
            };
            return result == null ? "STOPPED: ERROR: " + text : result.status().fileWord() + ": " + result.reason();
        } finally {
            sessions.close(chain);
        }
    }

    /** Runs {@code step} alone among this chain's steps on this worker. */
    private static <T> T locked(ChainSessions.Session session, java.util.function.Supplier<T> step) {
        try {
            session.steps.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApplicationFailure.newFailure("the worker is stopping", "LinkHandedBack");
        }
        try {
            return step.get();
        } finally {
            session.steps.unlock();
        }
    }

    private static ChainDecision.BeforeLink decide(ChainSessions.Session session) {
        return session.run.parts().step().next(session.run.read(), false);
    }

    private static ChainView view(ChainSessions.Session session) {
        return ChainView.of(
                session.run.read(), session.run.parts().place().state().lastShutdown());
    }
}
