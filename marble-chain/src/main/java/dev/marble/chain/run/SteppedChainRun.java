package dev.marble.chain.run;

import dev.marble.agent.RunEnding;
import dev.marble.agent.RunServices;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.LinkSpec;
import dev.marble.chain.notify.ChainUpdate;
import dev.marble.chain.notify.Notifications;
import dev.marble.chain.notify.TelegramConfig;
import dev.marble.chain.state.AtomicFiles;
import dev.marble.chain.state.ChainLock;
import dev.marble.chain.state.ChainState;
import dev.marble.chain.state.ChainStatus;
import dev.marble.chain.state.ConfigFingerprint;
import dev.marble.chain.state.Progress;
import dev.marble.chain.state.ProgressFile;
import dev.marble.chain.state.Shutdown;
import dev.marble.chain.state.ShutdownCheck;
import dev.marble.chain.state.StateDir;
import dev.marble.event.Event;
import dev.marble.event.EventBus;
import dev.marble.event.LinkOutcome;
import dev.marble.model.Cost;
import dev.marble.model.Usage;
import dev.marble.tool.builtin.RunningConfiguration;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The effects of a chain start, one step at a time, for a driver that makes {@link ChainStep}'s decisions itself:
 * {@link ChainRun} in a loop on one thread, or a workflow engine whose decisions live elsewhere and reach this
 * process one step per call. Between {@link #open} and {@link #close} it holds what a start holds (the chain's
 * lock, its configuration closed to its agents, the fingerprint); each step writes the state files, the log, the
 * events and the notifications exactly as a local start does, so a chain's files look the same whoever drove it.
 */
public final class SteppedChainRun implements AutoCloseable {

    /** A link that ran or was skipped, as a driver needs it: what happened and where the cursor is now. */
    public record Step(LinkSpec link, int round, LinkOutcome outcome, Progress cursor, String detail, String failure) {}

    private final ChainParts parts;
    private final ChainSpec chain;
    private final StateDir state;
    private final ChainLog log;
    private final EventBus events;
    private final Clock clock;
    private final Notifications notifications;
    private final TelegramConfig telegram;
    private final String runId;
    private final long startNanos = System.nanoTime();
    private final ChainLock lock;
    private final RunningConfiguration.Registration protection;
    private final ConfigFingerprint fingerprint;
    private final ProgressAccounting accounting;
    private final LinkAttempt attempt;
    private Progress progress;
    private int linksDone;
    private String lastFailure;

    private SteppedChainRun(
            RunServices services,
            ChainParts parts,
            Notifications notifications,
            TelegramConfig telegram,
            String runId) {
        this.parts = parts;
        this.chain = parts.chain();
        this.state = parts.place().state();
        this.log = parts.place().log();
        this.events = services.events();
        this.clock = services.clock();
        this.notifications = notifications;
        this.telegram = telegram;
        this.runId = runId;
        parts.prompts().check(chain); // every prompt error before anything is written
        List<Path> files = parts.configuration().files();
        this.fingerprint = new ConfigFingerprint(state, files);
        List<Path> guarded = new ArrayList<>(files);
        guarded.add(fingerprint.recordFile());
        this.lock = ChainLock.acquire(state);
        try {
            this.protection = RunningConfiguration.protect(
                    guarded, "a file that configures the running chain '" + chain.name() + "'");
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        ProgressFile progressFile = new ProgressFile(state);
        this.accounting = new ProgressAccounting(progressFile, clock);
        this.attempt = new LinkAttempt(parts, services, runId, accounting, this::note);
    }

    /**
     * Takes the chain (throws ChainBusyException when another process runs it) and begins a start as {@code marble
     * chain start} does: status RUNNING, the start line, configuration changes, failures forgiven, and a link that did
     * not finish last time ended and its handoff restored.
     */
    public static SteppedChainRun open(
            RunServices services, ChainParts parts, Notifications notifications, TelegramConfig telegram) {
        return open(services, parts, notifications, telegram, services.nextId());
    }

    static SteppedChainRun open(
            RunServices services,
            ChainParts parts,
            Notifications notifications,
            TelegramConfig telegram,
            String runId) {
        SteppedChainRun run = new SteppedChainRun(services, parts, notifications, telegram, runId);
        try {
            run.begin();
            return run;
        } catch (RuntimeException e) {
            run.failed(e);
            run.close();
            throw e;
        }
    }

    private void begin() {
        AtomicFiles.sweepOrphans(state.dir()); // under the lock: what a kill cut short, nothing in progress
        progress = new ProgressFile(state).read();
        state.startTime(clock.instant());
        // ALL_DONE is where a chain ends: kept, so this start stops at once until a reset (the check says why).
        if (state.knownStatus().orElse(null) != ChainStatus.ALL_DONE) state.status(ChainStatus.RUNNING);
        LinkRunner.Resolved first = parts.links().resolve(chain, chain.links().getFirst());
        events.publish(new Event.RunStarted(
                runId,
                clock.instant(),
                "chain",
                chain.name(),
                first.model(),
                chain.description(),
                chain.links().stream().map(LinkSpec::name).toList()));
        note("CHAIN START: " + chain.name() + " | mode " + chain.mode().wireName() + " | "
                + chain.links().size()
                + " links | rounds " + progress.round() + "/" + limitText(chain.maxRounds()) + " | runtime limit "
                + (chain.runtimeHours() > 0 ? chain.runtimeHours() + "h" : "none")
                + (chain.deadline() != null ? " | deadline " + chain.deadline() : ""));
        reportConfigurationChanges(fingerprint.start(clock.instant()));
        Optional<Progress> forgiven = parts.step().failuresForgiven(progress, state.lastShutdown());
        if (forgiven.isPresent()) {
            note("FAILURES: the last start stopped after " + progress.consecutiveFailures()
                    + " failed links in a row; counting afresh");
            progress = accounting.write(forgiven.get());
        }
        if (progress.inFlight() != null) {
            // before the handoff is restored, or they could write to it
            LeftoverProcesses.end(progress.inFlight(), this::note);
            state.restoreHandoffSnapshot();
            note("RESUME: " + progress.inFlight().linkName() + " did not finish in round " + (progress.round() + 1)
                    + "; its handoff is restored and it runs again");
        }
    }

    public String runId() {
        return runId;
    }

    public ChainParts parts() {
        return parts;
    }

    /** The cursor as last written. */
    public Progress progress() {
        return progress;
    }

    /** The state directory and the clock, read now: what {@link ChainStep#next} decides from. */
    public ChainState read() {
        return ChainState.read(state, progress, clock, accounting.countedFrom());
    }

    /** Moves the cursor to the next round (a {@link ChainDecision.NextRound}). */
    public void nextRound(Progress cursor) {
        progress = accounting.write(cursor);
    }

    /** Runs the link {@code run} names, starting from {@code handoff} (skip protection may put it back). */
    public Step run(ChainDecision.RunLink run, String handoff) {
        return done(attempt.run(run, progress, handoff));
    }

    /** Records a skipped link. */
    public Step skip(ChainDecision.SkipLink skip) {
        return done(attempt.skip(skip));
    }

    private Step done(LinkAttempt.Done done) {
        progress = done.cursor();
        if (done.failure() != null) lastFailure = done.failure();
        return new Step(done.link(), done.round(), done.outcome(), done.cursor(), done.detail(), done.failure());
    }

    /** After a link, once {@link ChainStep#afterLink} went on ({@code roundComplete}: it ended round {@code round}). */
    public void linkDone(Step done, boolean roundComplete) {
        linksDone++;
        if (telegram.linkUpdateDue(linksDone, done.link().telegramUpdate())) {
            notifications.send(
                    update(ChainUpdate.Kind.LINK_DONE, progress, done.link().name(), done.detail()));
        }
        if (roundComplete) note("ROUND " + done.round() + " COMPLETE");
    }

    /** Honours a shutdown condition: status, reason, line, notification. */
    public ChainRun.Result shutDown(Shutdown shutdown) {
        if (shutdown.reason() == Shutdown.Reason.MAX_FAILURES && lastFailure != null) {
            // What status shows as the last stop: the count alone does not say what to fix.
            shutdown = new Shutdown(shutdown.reason(), shutdown.text() + "; last error: " + lastFailure);
        }
        ShutdownCheck.honour(state, shutdown);
        accounting.write(progress);
        note("SHUTDOWN: " + shutdown.text());
        boolean failure = shutdown.reason() == Shutdown.Reason.MAX_FAILURES;
        notifications.send(
                update(failure ? ChainUpdate.Kind.FAILED : ChainUpdate.Kind.SHUTDOWN, progress, null, shutdown.text()));
        finished(shutdown.reason(), shutdown.text(), progress);
        return new ChainRun.Result(
                shutdown.finalStatus(),
                shutdown.text(),
                shutdown.reason(),
                progress.round(),
                progress.costUsd(),
                false);
    }

    /** A single-pass chain's one round is done. */
    public ChainRun.Result completed() {
        state.status(ChainStatus.COMPLETED);
        state.lastShutdown("COMPLETED: mode " + chain.mode().wireName() + ", one round done");
        note("COMPLETED: mode " + chain.mode().wireName() + ", one round done");
        notifications.send(update(ChainUpdate.Kind.COMPLETED, progress, null, null));
        finished(RunEnding.COMPLETED, "one round done", progress);
        return new ChainRun.Result(
                ChainStatus.COMPLETED,
                "one round done (mode " + chain.mode().wireName() + ")",
                null,
                progress.round(),
                progress.costUsd(),
                false);
    }

    /** The start was interrupted: STOPPED, the cursor as it is, so the next start resumes there. */
    public ChainRun.Result interrupted() {
        state.status(ChainStatus.STOPPED);
        // stop --now asks by file and by signal; the signal got here first, so the request is answered too.
        String request = state.stopRequest().orElse(null);
        if (request != null) state.clearStopRequest();
        state.lastShutdown(
                request != null
                        ? "MANUAL_STOP: " + request + " (the running link was interrupted)"
                        : "INTERRUPTED: stopped by a signal");
        accounting.write(progress);
        note("STOPPED (interrupted); the next start resumes where this one stopped");
        finished(RunEnding.INTERRUPTED, "stopped by a signal", progress);
        return new ChainRun.Result(
                ChainStatus.STOPPED, "interrupted", null, progress.round(), progress.costUsd(), true);
    }

    /**
     * Not a link's failure (those are outcomes) but the chain's own: a tool set that cannot start, a state file that
     * cannot be written. The state must not go on saying RUNNING.
     */
    public void failed(RuntimeException failure) {
        String why = "ERROR: "
                + (failure.getMessage() == null
                        ? failure.getClass().getSimpleName()
                        : failure.getMessage().lines().findFirst().orElse(""));
        try {
            state.status(ChainStatus.STOPPED);
            state.lastShutdown(why);
            note("SHUTDOWN: " + why);
        } catch (RuntimeException unwritable) {
            failure.addSuppressed(unwritable);
        }
    }

    /** A line in the chain's log, published as a note as well. */
    public void note(String text) {
        log.line(text);
        events.publish(new Event.ChainNote(runId, clock.instant(), text));
    }

    @Override
    public void close() {
        try {
            fingerprint.end(clock.instant());
        } finally {
            try {
                protection.close();
            } finally {
                lock.close();
            }
        }
    }

    /**
     * One line naming each file that configures the chain and changed since the last start: a change made
     * during that start was most likely made by one of its agents, and the person starting it should know.
     */
    private void reportConfigurationChanges(List<ConfigFingerprint.Change> changes) {
        if (changes.isEmpty()) return;
        List<String> named = changes.stream()
                .map(change -> shown(change.file()) + " (" + change.how() + ")")
                .toList();
        note("CONFIGURATION CHANGED since the last start: " + String.join("; ", named));
    }

    private String shown(Path file) {
        Path root = parts.place().workspace().toAbsolutePath().normalize();
        return file.startsWith(root) ? root.relativize(file).toString() : file.toString();
    }

    private void finished(Event.RunFinished.Ending ending, String detail, Progress progress) {
        Cost cost = progress.costUsd().signum() == 0
                ? Cost.UNKNOWN
                : new Cost(progress.costUsd(), Cost.Source.PRICING_TABLE);
        events.publish(new Event.RunFinished(
                runId,
                clock.instant(),
                ending,
                detail,
                progress.round(),
                Usage.ZERO,
                cost,
                Duration.ofNanos(System.nanoTime() - startNanos),
                null));
    }

    private ChainUpdate update(ChainUpdate.Kind kind, Progress progress, String link, String detail) {
        Duration runtime = Duration.ofSeconds(progress.activeSeconds());
        return new ChainUpdate(
                chain.name(), kind, progress.round(), runtime, state.status(), detail, link, progress.costUsd());
    }

    private static String limitText(int max) {
        return max > 0 ? Integer.toString(max) : "unlimited";
    }
}
