package dev.marble.temporal.chain;

import dev.marble.chain.run.ChainDecision;
import dev.marble.chain.run.ChainRun;
import dev.marble.chain.state.Shutdown;
import dev.marble.event.LinkOutcome;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

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
    private final LinkSteps links = new LinkSteps(ChainWorkspace.of(ChainWorkspace.PINNED));
    private final GitWorkspace git;
    /** git mode: one step of a chain at a time on this worker, from its checkout to its push. */
    private final Map<String, Object> gitSteps = new ConcurrentHashMap<>();

    /**
     * @param worker    this worker's own queue, where the chains it takes send their links
     * @param heartbeat how often a running link tells the server it is alive
     */
    ChainActivitiesImpl(ChainSessions sessions, String worker, Duration heartbeat) {
        this.sessions = sessions;
        this.worker = worker;
        this.heartbeat = heartbeat;
        this.git = new GitWorkspace(sessions.home(), worker);
    }

    /**
     * Runs {@code body} on the chain's session. Pinned, that is all. In git mode every step writes the chain's state
     * files, so every step (not only a link) is made between a checkout of the chain's branch at the head the
     * workflow expects and a push of what it changed: a session this worker kept open from an earlier step is closed
     * first when another worker moved the branch since (its cursor in memory is stale), and opened afresh on the
     * checkout, as a restart would.
     */
    private <T> T step(
            ChainRef chain,
            Function<T, String> what,
            Function<ChainSessions.Session, T> body,
            BiFunction<T, String, T> headed) {
        if (chain.git() == null) return body.apply(sessions.session(chain));
        synchronized (gitSteps.computeIfAbsent(chain.workflowId(), id -> new Object())) {
            String head = git.fetch(chain);
            ChainSessions.Session held = sessions.held(chain);
            if (held != null && !head.equals(held.head)) sessions.close(chain);
            git.checkout(chain, head);
            ChainSessions.Session session = sessions.session(chain.in(git.dir(chain)));
            session.head = head;
            T result = body.apply(session);
            String pushed = git.publish(chain, head, what.apply(result));
            session.head = pushed;
            return headed.apply(result, pushed);
        }
    }

    @Override
    public Opened open(ChainRef chain) {
        return step(
                chain,
                opened -> "opened",
                session -> new Opened(
                        worker,
                        ChainOutline.of(session.spec, ZoneId.systemDefault().getId()),
                        view(session)),
                (opened, head) -> new Opened(
                        opened.worker(), opened.outline(), opened.view().withHead(head)));
    }

    @Override
    public ChainView nextRound(ChainRef chain) {
        return step(
                chain,
                view -> "next round",
                session -> locked(session, () -> {
                    if (decide(session) instanceof ChainDecision.NextRound next) session.run.nextRound(next.cursor());
                    return view(session);
                }),
                ChainView::withHead);
    }

    @Override
    public LinkResult runLink(ChainRef chain, int round, int index) {
        try (LinkHeartbeat beat = LinkHeartbeat.start(Activity.getExecutionContext(), heartbeat, "link " + index)) {
            return step(
                    chain,
                    result -> linkText(result, index, ""),
                    session -> locked(session, () -> runLink(chain, session, round, index)),
                    LinkResult::withHead);
        }
    }

    private LinkResult runLink(ChainRef chain, ChainSessions.Session session, int round, int index) {
        LinkResult result = links.run(session, round, index);
        if (result.outcome().equals(LinkOutcome.INTERRUPTED.name())) {
            // Handed back (the worker drains, or the workflow went away): the cursor still says in flight, and
            // whichever worker takes the link next resumes it as a restart would, from the handoff's snapshot.
            sessions.close(chain);
            throw ApplicationFailure.newFailure(
                    "the link " + session.run.parts().chain().links().get(index).name() + " was handed back by worker "
                            + worker,
                    "LinkHandedBack");
        }
        return result;
    }

    @Override
    public LinkResult skipLink(ChainRef chain, int round, int index) {
        return step(
                chain,
                result -> linkText(result, index, " skipped"),
                session -> locked(session, () -> links.skip(session, round, index)),
                LinkResult::withHead);
    }

    @Override
    public String end(ChainRef chain, String how, String reason, String text) {
        return step(
                chain,
                ended -> "ended " + how,
                session -> end(chain, session, how, reason, text),
                (ended, head) -> ended);
    }

    private String end(ChainRef chain, ChainSessions.Session session, String how, String reason, String text) {
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

    /**
     * A link step's commit subject. A step that did not act (the branch's cursor was past the link: its worker
     * pushed it and was lost before it reported) says so: only the link's own commit names it alone.
     */
    private static String linkText(LinkResult result, int index, String how) {
        String link = "link " + (index + 1) + " of round " + result.round();
        return result.acted() && !result.found() ? link + how : link + " found done already";
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

    static ChainView view(ChainSessions.Session session) {
        return ChainView.of(
                session.run.read(), session.run.parts().place().state().lastShutdown());
    }
}
