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
import dev.marble.model.Cost;
import dev.marble.model.Usage;
import dev.marble.tool.builtin.RunningConfiguration;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code marble chain start}: rounds of links in order until a shutdown condition holds (SEEDS-SPEC 1.9,
 * without llmauto's defects). The chain's driver: {@link ChainStep} decides what happens next from a
 * {@link ChainState} read before each link; this class performs it (the lock, the state files and the cursor, the
 * link's run through {@link LinkAttempt}, the log, events and notifications, the pause between links).
 *
 * <p>Crash safety rests on {@link ProgressFile}: before a link runs, the cursor records it as in flight with a
 * snapshot of the handoff; after it, the cursor moves past it in one atomic write. Killed in between, the next start
 * ends what the link left running (recorded in the cursor too), restores the snapshot and runs that link again in
 * the same round, so a link counts as done exactly when the cursor says so: nothing done is lost or done twice.
 */
public final class ChainRun {

    /** How a start ended, for the exit code and the summary. */
    public record Result(
            ChainStatus status,
            String reason,
            Shutdown.Reason shutdown,
            int rounds,
            BigDecimal costUsd,
            boolean interrupted) {}

    private final ChainParts parts;
    private final ChainStep step;
    private final ChainSpec chain;
    private final StateDir state;
    private final ChainLog log;
    private final RunServices services;
    private final EventBus events;
    private final Clock clock;
    private final Notifications notifications;
    private final TelegramConfig telegram;
    private final String runId;
    private final long startNanos = System.nanoTime();
    private ProgressAccounting accounting;
    /** Links run or skipped in this start, for the chain's "update every N links" setting. */
    private int linksDone;
    /** The last failed link and why, for the shutdown line when failures stop the chain. */
    private String lastFailure;

    /**
     * @param services      events, the clock (its zone is the one the deadline's day is judged in), ids, and the
     *                      environment whose home the prompts' {@code {HOME}} names
     * @param notifications where updates go; {@code telegram} says after which links
     */
    public ChainRun(RunServices services, ChainParts parts, Notifications notifications, TelegramConfig telegram) {
        this.parts = parts;
        this.step = parts.step();
        this.chain = parts.chain();
        this.state = parts.place().state();
        this.log = parts.place().log();
        this.services = services;
        this.events = services.events();
        this.clock = services.clock();
        this.notifications = notifications;
        this.telegram = telegram;
        this.runId = services.nextId();
    }

    public String runId() {
        return runId;
    }

    /**
     * Runs the chain under its lock; throws ChainBusyException when another process runs it. While it runs,
     * the files that configure it are closed to its agents' file tools, and fingerprinted for the next start.
     */
    public Result start() {
        parts.prompts().check(chain); // every prompt error before anything is written
        List<Path> files = parts.configuration().files();
        ConfigFingerprint fingerprint = new ConfigFingerprint(state, files);
        List<Path> guarded = new ArrayList<>(files);
        guarded.add(fingerprint.recordFile());
        try (ChainLock lock = ChainLock.acquire(state);
                RunningConfiguration.Registration protection = RunningConfiguration.protect(
                        guarded, "a file that configures the running chain '" + chain.name() + "'")) {
            try {
                return run(fingerprint);
            } catch (RuntimeException failure) {
                // Not a link's failure (those are outcomes) but the chain's own: a tool set that cannot start, a
                // state file that cannot be written. The state must not go on saying RUNNING.
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
                throw failure;
            } finally {
                fingerprint.end(clock.instant());
            }
        }
    }

    private Result run(ConfigFingerprint fingerprint) {
        AtomicFiles.sweepOrphans(state.dir()); // under the lock: what a kill cut short, nothing in progress
        ProgressFile progressFile = new ProgressFile(state);
        Progress progress = progressFile.read();
        accounting = new ProgressAccounting(progressFile, clock);
        LinkAttempt attempt = new LinkAttempt(parts, services, runId, accounting, this::note);
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
        Optional<Progress> forgiven = step.failuresForgiven(progress, state.lastShutdown());
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
        while (true) {
            ChainState now = ChainState.read(state, progress, clock, accounting.countedFrom());
            LinkAttempt.Done done;
            switch (step.next(now, Thread.currentThread().isInterrupted())) {
                case ChainDecision.ShutDown shutDown -> {
                    return finish(shutDown.shutdown(), progress);
                }
                case ChainDecision.Interrupted interrupted -> {
                    return interrupted(progress);
                }
                case ChainDecision.NextRound nextRound -> {
                    progress = accounting.write(nextRound.cursor());
                    continue;
                }
                case ChainDecision.SkipLink skip -> done = attempt.skip(skip);
                case ChainDecision.RunLink run -> done = attempt.run(run, progress, now.handoff());
            }
            progress = done.cursor();
            if (done.failure() != null) lastFailure = done.failure();
            switch (step.afterLink(done.round(), done.outcome(), progress)) {
                case ChainDecision.Interrupted interrupted -> {
                    return interrupted(progress);
                }
                case ChainDecision.NextLink nextLink -> linkDone(done, progress);
                case ChainDecision.RoundComplete complete -> {
                    linkDone(done, progress);
                    note("ROUND " + complete.round() + " COMPLETE");
                }
                case ChainDecision.Completed completed -> {
                    linkDone(done, progress);
                    note("ROUND " + completed.round() + " COMPLETE");
                    return completed(progress);
                }
            }
            pause();
        }
    }

    /** Sends the link update when the chain's telegram settings ask for one after this link. */
    private void linkDone(LinkAttempt.Done done, Progress progress) {
        linksDone++;
        if (telegram.linkUpdateDue(linksDone, done.link().telegramUpdate())) {
            notifications.send(
                    update(ChainUpdate.Kind.LINK_DONE, progress, done.link().name(), done.detail()));
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

    private Result finish(Shutdown shutdown, Progress progress) {
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
        return new Result(
                shutdown.finalStatus(),
                shutdown.text(),
                shutdown.reason(),
                progress.round(),
                progress.costUsd(),
                false);
    }

    private Result completed(Progress progress) {
        state.status(ChainStatus.COMPLETED);
        state.lastShutdown("COMPLETED: mode " + chain.mode().wireName() + ", one round done");
        note("COMPLETED: mode " + chain.mode().wireName() + ", one round done");
        notifications.send(update(ChainUpdate.Kind.COMPLETED, progress, null, null));
        finished(RunEnding.COMPLETED, "one round done", progress);
        return new Result(
                ChainStatus.COMPLETED,
                "one round done (mode " + chain.mode().wireName() + ")",
                null,
                progress.round(),
                progress.costUsd(),
                false);
    }

    private Result interrupted(Progress progress) {
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
        return new Result(ChainStatus.STOPPED, "interrupted", null, progress.round(), progress.costUsd(), true);
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

    private void pause() {
        if (chain.pauseBetweenLinks().isZero()) return;
        try {
            Thread.sleep(chain.pauseBetweenLinks());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // seen before the next link
        }
    }

    private void note(String text) {
        log.line(text);
        events.publish(new Event.ChainNote(runId, clock.instant(), text));
    }

    private static String limitText(int max) {
        return max > 0 ? Integer.toString(max) : "unlimited";
    }
}
