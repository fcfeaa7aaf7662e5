package dev.marble.chain.run;

import dev.marble.agent.RunEnding;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.LinkSpec;
import dev.marble.chain.PromptResolver;
import dev.marble.chain.TemplateVariables;
import dev.marble.chain.notify.ChainUpdate;
import dev.marble.chain.notify.Notifications;
import dev.marble.chain.notify.TelegramConfig;
import dev.marble.chain.state.AtomicFiles;
import dev.marble.chain.state.ChainLock;
import dev.marble.chain.state.ConfigFingerprint;
import dev.marble.chain.state.Handoff;
import dev.marble.chain.state.Limits;
import dev.marble.chain.state.Progress;
import dev.marble.chain.state.ProgressFile;
import dev.marble.chain.state.Shutdown;
import dev.marble.chain.state.ShutdownCheck;
import dev.marble.chain.state.SkipProtection;
import dev.marble.chain.state.StateDir;
import dev.marble.chain.state.StatusGuard;
import dev.marble.event.Event;
import dev.marble.event.EventBus;
import dev.marble.event.Ids;
import dev.marble.model.ChatOptions;
import dev.marble.model.Cost;
import dev.marble.model.Usage;
import dev.marble.process.CommandLauncher;
import dev.marble.tool.builtin.RunningConfiguration;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One {@code marble chain start}: rounds of links in order until a shutdown condition holds (SEEDS-SPEC 1.9,
 * without llmauto's defects). Crash safety rests on {@link ProgressFile}: before a link runs, the cursor records it
 * as in flight with a snapshot of the handoff; after it, the cursor moves past it in one atomic write. Killed in
 * between, the next start ends what the link left running (recorded in the cursor too), restores the snapshot and
 * runs that link again in the same round, so a link counts as done exactly when the cursor says so: nothing done
 * is lost or done twice.
 */
public final class ChainRun {

    /** How a start ended, for the exit code and the summary. */
    public record Result(String status, String reason, Shutdown.Reason shutdown, int rounds, BigDecimal costUsd,
                         boolean interrupted) {}

    private final ChainSpec chain;
    private final StateDir state;
    private final PromptResolver prompts;
    private final LinkRunner links;
    private final Notifications notifications;
    private final ChainLog log;
    private final EventBus events;
    private final Path workspace;
    private final Path home;
    private final Clock clock;
    private final String runId = Ids.next();
    private final TelegramConfig telegram;
    private final long startNanos = System.nanoTime();
    private ProgressAccounting accounting;
    /** The last failed link and why, for the shutdown line when failures stop the chain. */
    private String lastFailure;

    private final ChainConfiguration configuration;

    public ChainRun(ChainSpec chain, StateDir state, PromptResolver prompts, LinkRunner links, Notifications notifications,
                    TelegramConfig telegram, ChainLog log, EventBus events, Path workspace, Path home, Clock clock,
                    ChainConfiguration configuration) {
        this.configuration = configuration;
        this.telegram = telegram;
        this.chain = chain;
        this.state = state;
        this.prompts = prompts;
        this.links = links;
        this.notifications = notifications;
        this.log = log;
        this.events = events;
        this.workspace = workspace;
        this.home = home;
        this.clock = clock;
    }

    public String runId() {
        return runId;
    }

    /**
     * Runs the chain under its lock; throws ChainBusyException when another process runs it. While it runs,
     * the files that configure it are closed to its agents' file tools, and fingerprinted for the next start.
     */
    public Result start() {
        prompts.check(chain); // every prompt error before anything is written
        ConfigFingerprint fingerprint = new ConfigFingerprint(state, configuration.files());
        List<Path> guarded = new ArrayList<>(configuration.files());
        guarded.add(fingerprint.recordFile());
        try (ChainLock lock = ChainLock.acquire(state);
             RunningConfiguration.Registration protection = RunningConfiguration.protect(guarded,
                     "a file that configures the running chain '" + chain.name() + "'")) {
            try {
                return run(fingerprint);
            } catch (RuntimeException failure) {
                // Not a link's failure (those are outcomes) but the chain's own: a tool set that cannot start, a
                // state file that cannot be written. The state must not go on saying RUNNING.
                String why = "ERROR: " + (failure.getMessage() == null ? failure.getClass().getSimpleName()
                        : failure.getMessage().lines().findFirst().orElse(""));
                try {
                    state.status("STOPPED");
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
        Limits limits = new Limits(chain.maxRounds(), chain.runtimeHours(), chain.deadline(),
                chain.maxConsecutiveBlocks(), chain.maxConsecutiveFailures(), chain.budgetUsd());
        state.startTime(clock.instant());
        // ALL_DONE is where a chain ends: kept, so this start stops at once until a reset (the check says why).
        if (!"ALL_DONE".equals(state.status())) state.status("RUNNING");
        LinkRunner.Resolved first = links.resolve(chain, chain.links().getFirst());
        events.publish(new Event.RunStarted(runId, clock.instant(), "chain", chain.name(), first.model(),
                chain.description(), chain.links().stream().map(LinkSpec::name).toList()));
        note("CHAIN START: " + chain.name() + " | mode " + chain.mode().wireName() + " | " + chain.links().size()
                + " links | rounds " + progress.round() + "/" + limitText(chain.maxRounds()) + " | runtime limit "
                + (chain.runtimeHours() > 0 ? chain.runtimeHours() + "h" : "none")
                + (chain.deadline() != null ? " | deadline " + chain.deadline() : ""));
        reportConfigurationChanges(fingerprint.start(clock.instant()));
        if (progress.consecutiveFailures() > 0 && state.lastShutdown().orElse("").startsWith("MAX_FAILURES")) {
            // Starting a chain that failures stopped is the person saying they fixed the cause: count afresh.
            // (A resume after a kill keeps the count: nobody looked.)
            note("FAILURES: the last start stopped after " + progress.consecutiveFailures()
                    + " failed links in a row; counting afresh");
            progress = accounting.write(new Progress(progress.round(), progress.nextLink(), progress.inFlight(),
                    progress.sessions(), 0, progress.costUsd(), progress.activeSeconds()));
        }
        if (progress.inFlight() != null) {
            LeftoverProcesses.end(progress.inFlight(), this::note); // before the handoff is restored, or they could write to it
            state.restoreHandoffSnapshot();
            note("RESUME: " + progress.inFlight().linkName() + " did not finish in round " + (progress.round() + 1)
                    + "; its handoff is restored and it runs again");
        }
        int linksRun = 0;
        while (true) {
            Shutdown shutdown = ShutdownCheck.check(state, progress, limits, clock, accounting.countedFrom()).orElse(null);
            if (shutdown != null) return finish(shutdown, progress);
            if (Thread.currentThread().isInterrupted()) return interrupted(progress);
            if (progress.nextLink() >= chain.links().size()) {
                // The chain file lost links since the cursor was written: the round is over.
                progress = accounting.write(new Progress(progress.round() + 1, 0, null, progress.sessions(),
                        progress.consecutiveFailures(), progress.costUsd(), progress.activeSeconds()));
                continue;
            }
            int roundBefore = progress.round();
            LinkSpec link = chain.links().get(progress.nextLink());
            LinkResult result = runLink(link, progress);
            progress = result.progress();
            if (result.interrupted()) return interrupted(progress);
            linksRun++;
            if (telegram.linkUpdateDue(linksRun, link.telegramUpdate())) {
                notifications.send(update(ChainUpdate.Kind.LINK_DONE, progress, link.name(), result.detail()));
            }
            if (progress.round() > roundBefore) {
                note("ROUND " + progress.round() + " COMPLETE");
                if (chain.mode().singlePass()) return completed(progress);
            }
            pause();
        }
    }

    private record LinkResult(Progress progress, boolean interrupted, String detail) {}

    private LinkResult runLink(LinkSpec link, Progress progress) {
        int index = progress.nextLink();
        int round = progress.round() + 1;
        boolean resumed = progress.inFlight() != null;
        String handoff = state.handoff();
        if (link.skipUnlessAssigned() && !assigned(handoff, link)) {
            String who = Handoff.assigned(handoff).orElse("nobody");
            note(link.name() + ": SKIPPED (the handoff assigns " + who + ")");
            events.publish(new Event.LinkFinished(runId, clock.instant(), round, index, link.name(), "skipped",
                    "assigned: " + who, Duration.ZERO, Cost.FREE));
            Progress next = accounting.write(progress.finished(chain.links().size(), Progress.Outcome.SKIPPED, null));
            return new LinkResult(next, false, "skipped");
        }
        LinkRunner.Resolved resolved = links.resolve(chain, link);
        String prompt = prompts.resolve(chain, link, TemplateVariables.of(home, chain.name(), state.dir(),
                state.handoffFile(), round));
        Progress.LinkSession session = link.continueSession() ? progress.sessions().get(link.name()) : null;
        // Until a run in it succeeds, every attempt gets a fresh session: a run that failed or was killed leaves its
        // transcript under the id, and the Claude Code CLI refuses a second --session-id with it ("already in use").
        if (link.continueSession() && (session == null || !session.started())) {
            session = new Progress.LinkSession(UUID.randomUUID().toString(), false);
        }
        Progress inFlight = progress;
        if (!resumed) {
            state.snapshotHandoff();
            inFlight = progress.starting(new Progress.InFlight(index, link.name(), Ids.next(), clock.instant()));
        }
        if (session != null) inFlight = inFlight.withSession(link.name(), session);
        inFlight = accounting.write(inFlight);
        note(link.name() + " (" + link.role() + "): " + (session != null && session.started() ? "CONTINUE " : "start ")
                + resolved.model() + (resumed ? " (resumed)" : ""));
        ChatOptions.Session chatSession = session == null ? null : new ChatOptions.Session(session.sessionId(), session.started());
        Path conversation = link.continueSession() && !resolved.claudeCode()
                ? state.dir().resolve("conversation_" + link.name() + ".json") : null;
        // The cursor as last written: the Claude Code CLI a link starts is added to it (see LeftoverProcesses).
        Progress[] cursor = {inFlight};
        LinkRunner.Outcome outcome;
        try (CommandLauncher.Observation recording = resolved.claudeCode()
                ? CommandLauncher.shared().observe(child -> child.identity().ifPresent(identity ->
                        cursor[0] = accounting.write(cursor[0].withChild(new Progress.Child(identity, child.marker())))))
                : () -> { }) {
            outcome = links.run(chain, link, resolved, prompt, chatSession, conversation, workspace,
                    id -> events.publish(new Event.LinkStarted(runId, clock.instant(), round, index, link.name(),
                            link.role(), resolved.model(), id, resumed)));
        }
        inFlight = cursor[0];
        if (outcome.status() == LinkRunner.Status.INTERRUPTED) {
            // The cursor still says in flight: the next start restores the snapshot and runs this link again.
            events.publish(new Event.LinkFinished(runId, clock.instant(), round, index, link.name(), "interrupted",
                    outcome.detail(), outcome.elapsed(), outcome.cost()));
            note(link.name() + ": INTERRUPTED after " + seconds(outcome.elapsed()) + "s; it runs again at the next start");
            return new LinkResult(inFlight, true, outcome.detail());
        }
        String after = state.handoff();
        if (chain.skipProtection() && SkipProtection.decide(handoff, after).restore()) {
            state.handoff(handoff);
            note("SKIP PROTECTION: " + link.name() + " left a short skip note; the previous handoff is restored");
        }
        state.linkHandoff(link.name(), after);
        log.linkOutput(link.name(), round, resolved.model().toString(), outcome.answer(), outcome.detail());
        boolean ok = outcome.status() == LinkRunner.Status.OK;
        String status = state.status();
        StatusGuard.correct(status).ifPresent(corrected -> {
            note("STATUS CORRECTION: '" + status + "' -> '" + corrected + "' (a link may write ALL_DONE or STOPPED only)");
            state.status(corrected);
        });
        Progress done = inFlight.finished(chain.links().size(), ok ? Progress.Outcome.SUCCEEDED : Progress.Outcome.FAILED,
                outcome.cost().known() ? outcome.cost().usd() : null);
        if (session != null && ok && !session.started()) {
            done = done.withSession(link.name(), new Progress.LinkSession(session.sessionId(), true));
        }
        done = accounting.write(done); // the commit point: from here on the link is done
        String costText = outcome.cost().known() && outcome.cost().usd().signum() > 0 ? String.format(Locale.ROOT, ", $%.4f", outcome.cost().usd()) : "";
        note(link.name() + ": " + (ok ? "OK" : "FAILED") + " (" + seconds(outcome.elapsed()) + "s" + costText + ")"
                + (ok ? summary(log.redact(outcome.answer())) : " " + outcome.detail()));
        if (!ok) lastFailure = link.name() + ": " + firstLine(log.redact(outcome.detail()));
        events.publish(new Event.LinkFinished(runId, clock.instant(), round, index, link.name(), ok ? "ok" : "failed",
                outcome.detail(), outcome.elapsed(), outcome.cost()));
        return new LinkResult(done, false, ok ? "ok" : outcome.detail());
    }

    /**
     * One line naming each file that configures the chain and changed since the last start: a change made
     * during that start was most likely made by one of its agents, and the person starting it should know.
     */
    private void reportConfigurationChanges(List<ConfigFingerprint.Change> changes) {
        if (changes.isEmpty()) return;
        List<String> named = changes.stream().map(change -> shown(change.file()) + " (" + change.how() + ")").toList();
        note("CONFIGURATION CHANGED since the last start: " + String.join("; ", named));
    }

    private String shown(Path file) {
        Path root = workspace.toAbsolutePath().normalize();
        return file.startsWith(root) ? root.relativize(file).toString() : file.toString();
    }

    private static boolean assigned(String handoff, LinkSpec link) {
        String who = Handoff.assigned(handoff).orElse("").strip().toLowerCase(Locale.ROOT);
        return !who.isEmpty() && (who.equals(link.name().toLowerCase(Locale.ROOT))
                || who.equals(link.role().toLowerCase(Locale.ROOT))
                || (link.model() != null && who.equals(link.model().toLowerCase(Locale.ROOT))));
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
        notifications.send(update(failure ? ChainUpdate.Kind.FAILED : ChainUpdate.Kind.SHUTDOWN, progress, null,
                shutdown.text()));
        finished(shutdown.reason(), shutdown.text(), progress);
        return new Result(shutdown.finalStatus(), shutdown.text(), shutdown.reason(), progress.round(), progress.costUsd(),
                false);
    }

    private Result completed(Progress progress) {
        state.status("COMPLETED");
        state.lastShutdown("COMPLETED: mode " + chain.mode().wireName() + ", one round done");
        note("COMPLETED: mode " + chain.mode().wireName() + ", one round done");
        notifications.send(update(ChainUpdate.Kind.COMPLETED, progress, null, null));
        finished(RunEnding.COMPLETED, "one round done", progress);
        return new Result("COMPLETED", "one round done (mode " + chain.mode().wireName() + ")", null, progress.round(),
                progress.costUsd(), false);
    }

    private Result interrupted(Progress progress) {
        state.status("STOPPED");
        // stop --now asks by file and by signal; the signal got here first, so the request is answered too.
        String request = state.stopRequest().orElse(null);
        if (request != null) state.clearStopRequest();
        state.lastShutdown(request != null ? "MANUAL_STOP: " + request + " (the running link was interrupted)"
                : "INTERRUPTED: stopped by a signal");
        accounting.write(progress);
        note("STOPPED (interrupted); the next start resumes where this one stopped");
        finished(RunEnding.INTERRUPTED, "stopped by a signal", progress);
        return new Result("STOPPED", "interrupted", null, progress.round(), progress.costUsd(), true);
    }

    private void finished(Event.RunFinished.Ending ending, String detail, Progress progress) {
        Cost cost = progress.costUsd().signum() == 0 ? Cost.UNKNOWN : new Cost(progress.costUsd(), Cost.Source.PRICING_TABLE);
        events.publish(new Event.RunFinished(runId, clock.instant(), ending, detail, progress.round(), Usage.ZERO, cost,
                Duration.ofNanos(System.nanoTime() - startNanos), null));
    }

    private ChainUpdate update(ChainUpdate.Kind kind, Progress progress, String link, String detail) {
        Duration runtime = Duration.ofSeconds(progress.activeSeconds());
        return new ChainUpdate(chain.name(), kind, progress.round(), runtime, state.status(), detail, link,
                progress.costUsd());
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

    /**
     * The answer's first line, shortened: what the log shows of a link's work (its whole output is in its own log).
     * The answer comes redacted: a secret cut in half here would no longer be recognised, and half of it would show.
     */
    private static String summary(String answer) {
        if (answer == null || answer.isBlank()) return "";
        String line = answer.strip().lines().findFirst().orElse("");
        return ": " + (line.length() > 120 ? line.substring(0, 120) + "…" : line);
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) return "no detail";
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    private static String limitText(int max) {
        return max > 0 ? Integer.toString(max) : "unlimited";
    }

    private static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1f", elapsed.toMillis() / 1000.0);
    }
}
