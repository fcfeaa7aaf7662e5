package dev.marble.temporal.chain;

import dev.marble.Marble;
import dev.marble.agent.RunServices;
import dev.marble.api.ChainSettings;
import dev.marble.api.Chains;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.notify.Notifications;
import dev.marble.chain.run.ChainParts;
import dev.marble.chain.run.SteppedChainRun;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chains this worker holds: per workflow id, the chain's start as a {@link SteppedChainRun} (its lock, its
 * cursor, its log), kept open between the workflow's activities as a local start is between its links. A chain
 * this worker does not hold yet is opened on its first activity here: a worker that took a chain over, or came
 * back, resumes it as a local restart does.
 */
final class ChainSessions implements AutoCloseable {

    /** One chain held here. */
    static final class Session implements AutoCloseable {
        final ChainSpec spec;
        final SteppedChainRun run;
        final Path project;
        private final Marble marble;
        private final Notifications notifications;
        /** git mode: the branch's head this session's files are at (its last push, or the checkout it opened on). */
        String head;
        /**
         * Held while a step runs: a link activity the server retried while its first attempt still runs here (the
         * heartbeats were late) waits for that attempt, then finds the cursor past the link and does not run it again.
         */
        final java.util.concurrent.locks.ReentrantLock steps = new java.util.concurrent.locks.ReentrantLock();

        private Session(ChainSpec spec, SteppedChainRun run, Path project, Marble marble, Notifications n) {
            this.spec = spec;
            this.run = run;
            this.project = project;
            this.marble = marble;
            this.notifications = n;
        }

        @Override
        public void close() {
            try (marble;
                    notifications;
                    run) {
                // closed in reverse order: the chain's lock first, then its notifications, then its Marble
            }
        }
    }

    private final Marble marble;
    private final String worker;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    /** {@code marble}: the worker's project, whose environment and redactor a chain's own Marble starts from. */
    ChainSessions(Marble marble, String worker) {
        this.marble = marble;
        this.worker = worker;
    }

    /** The chain's session here, opened (and its start begun) if this worker does not hold it yet. */
    synchronized Session session(ChainRef chain) {
        Session held = sessions.get(chain.workflowId());
        if (held != null) return held;
        Session opened = open(chain);
        sessions.put(chain.workflowId(), opened);
        return opened;
    }

    /** The chain's session here, if this worker holds it. */
    synchronized Session held(ChainRef chain) {
        return sessions.get(chain.workflowId());
    }

    /** The folder this worker was started in: in git mode, its own clone of the repository. */
    Path home() {
        return marble.environment().workingDirectory();
    }

    /** Ends the chain's session here: its start ended, or its link was handed back and the next one resumes it. */
    synchronized void close(ChainRef chain) {
        Session session = sessions.remove(chain.workflowId());
        if (session != null) session.close();
    }

    private Session open(ChainRef chain) {
        Path project = chain.projectPath();
        ChainWorkspace.of(ChainWorkspace.PINNED).beforeLink(project);
        // The chain's own Marble, in its project, as 'marble chain start' starts one: its marble.json, its journal.
        Marble own = Marble.start(marble.environment().withWorkingDirectory(project), marble::warn, marble.redactor());
        try {
            own.openJournal();
            ChainSpec spec = Chains.load(own, Path.of(chain.chainFile()));
            ChainParts parts = Chains.parts(own, project, spec, null);
            RunServices services = own.services().withClock(Clock.systemDefaultZone());
            Notifications notifications =
                    ChainSettings.notifications(spec, own, parts.place().log()::line);
            try {
                SteppedChainRun run = SteppedChainRun.open(
                        services, parts, notifications, ChainSettings.telegram(spec, own.config()));
                run.note("TEMPORAL: workflow " + chain.workflowId() + " on worker " + worker);
                return new Session(spec, run, project, own, notifications);
            } catch (RuntimeException e) {
                notifications.close();
                throw e;
            }
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        sessions.values().forEach(Session::close);
        sessions.clear();
    }
}
