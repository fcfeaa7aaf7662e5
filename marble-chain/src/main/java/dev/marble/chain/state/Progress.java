package dev.marble.chain.state;

import dev.marble.event.LinkOutcome;
import dev.marble.process.ProcessIdentity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a chain stands, durably: the cursor a restarted {@code chain start} continues from (the
 * protocol is described on {@link ProgressFile}).
 *
 * @param round               completed rounds (mirrored to {@code round_counter.txt})
 * @param nextLink            index of the next link to run in this round
 * @param inFlight            the link that was started and has not finished; null when none
 * @param sessions            per link name, the conversation a continue link resumes (links that share a
 *                            name share it, as in llmauto)
 * @param consecutiveFailures links that failed in a row (skipped links neither add nor reset)
 * @param costUsd             dollars spent since the last reset
 * @param activeSeconds       how long the chain has run before the instant the runner passes to
 *                            {@link ShutdownCheck#check} (normally: the runtime of earlier starts)
 */
public record Progress(
        int round,
        int nextLink,
        InFlight inFlight,
        Map<String, LinkSession> sessions,
        int consecutiveFailures,
        BigDecimal costUsd,
        long activeSeconds) {

    /**
     * A link that was started: if the process dies now, this link runs again, from the handoff snapshot.
     *
     * @param children the processes the link started that could outlive a crash of Marble (the Claude Code CLI):
     *                 a restart ends any still running before it restores the handoff, or the old run could go on
     *                 writing to the handoff the new one works from
     */
    public record InFlight(int link, String linkName, String runId, Instant startedAt, List<Child> children) {
        public InFlight {
            Objects.requireNonNull(linkName, "linkName");
            Objects.requireNonNull(startedAt, "startedAt");
            if (link < 0) throw new IllegalArgumentException("link index cannot be negative: " + link);
            children = children == null ? List.of() : List.copyOf(children);
        }

        public InFlight(int link, String linkName, String runId, Instant startedAt) {
            this(link, linkName, runId, startedAt, List.of());
        }

        public InFlight withChild(Child child) {
            List<Child> more = new ArrayList<>(children);
            more.add(child);
            return new InFlight(link, linkName, runId, startedAt, more);
        }
    }

    /**
     * A process a link started, as another Marble process can find it again.
     *
     * @param marker its {@code MARBLE_LAUNCH} value, which everything it started carries too; null if unknown
     */
    public record Child(ProcessIdentity process, String marker) {
        public Child {
            Objects.requireNonNull(process, "process");
        }
    }

    /**
     * A continue link's conversation.
     *
     * @param sessionId the provider's session id (Claude Code's {@code --session-id}/{@code --resume})
     * @param started   whether a run in it succeeded, so the next one resumes instead of starting it
     */
    public record LinkSession(String sessionId, boolean started) {
        public LinkSession {
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    public Progress {
        sessions = sessions == null ? Map.of() : Map.copyOf(sessions);
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
        if (round < 0 || nextLink < 0 || consecutiveFailures < 0 || activeSeconds < 0 || costUsd.signum() < 0) {
            throw new IllegalArgumentException("progress cannot hold negative numbers");
        }
    }

    /** A chain that has completed {@code round} rounds and nothing else (a new chain, or llmauto's state directory). */
    public static Progress initial(int round) {
        return new Progress(round, 0, null, Map.of(), 0, BigDecimal.ZERO, 0);
    }

    /** The link at {@link #nextLink()} is about to run. */
    public Progress starting(InFlight link) {
        if (link.link() != nextLink) {
            throw new IllegalArgumentException("link " + link.link() + " cannot start: the next link is " + nextLink);
        }
        return new Progress(round, nextLink, link, sessions, consecutiveFailures, costUsd, activeSeconds);
    }

    /**
     * The link at {@link #nextLink()} finished (or was skipped): the cursor moves on, into the next round
     * after the last of {@code linkCount} links, and the failure count follows the outcome. An interrupted link
     * has not finished: it stays in flight, to run again.
     */
    public Progress finished(int linkCount, LinkOutcome outcome, BigDecimal cost) {
        if (linkCount < 1) throw new IllegalArgumentException("a chain has at least one link");
        if (outcome == LinkOutcome.INTERRUPTED) {
            throw new IllegalArgumentException("an interrupted link has not finished; it stays in flight");
        }
        int next = nextLink + 1;
        boolean roundDone = next >= linkCount;
        int failures = switch (outcome) {
            case OK -> 0;
            case FAILED -> consecutiveFailures + 1;
            case SKIPPED, INTERRUPTED -> consecutiveFailures;
        };
        BigDecimal spent = cost == null ? costUsd : costUsd.add(cost);
        return new Progress(
                roundDone ? round + 1 : round, roundDone ? 0 : next, null, sessions, failures, spent, activeSeconds);
    }

    public Progress withSession(String linkName, LinkSession session) {
        Map<String, LinkSession> updated = new HashMap<>(sessions);
        updated.put(linkName, session);
        return new Progress(round, nextLink, inFlight, updated, consecutiveFailures, costUsd, activeSeconds);
    }

    /** The link in flight started {@code child}. */
    public Progress withChild(Child child) {
        if (inFlight == null) throw new IllegalStateException("no link is in flight to have started a process");
        return new Progress(
                round, nextLink, inFlight.withChild(child), sessions, consecutiveFailures, costUsd, activeSeconds);
    }

    public Progress withActiveSeconds(long seconds) {
        return new Progress(round, nextLink, inFlight, sessions, consecutiveFailures, costUsd, seconds);
    }
}
