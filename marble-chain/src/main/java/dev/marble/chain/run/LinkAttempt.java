package dev.marble.chain.run;

import dev.marble.agent.RunServices;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.LinkSpec;
import dev.marble.chain.TemplateVariables;
import dev.marble.chain.state.Progress;
import dev.marble.chain.state.SkipProtection;
import dev.marble.chain.state.StateDir;
import dev.marble.chain.state.StatusGuard;
import dev.marble.event.Event;
import dev.marble.event.EventBus;
import dev.marble.event.LinkOutcome;
import dev.marble.model.ChatOptions;
import dev.marble.model.Cost;
import dev.marble.process.CommandLauncher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The effects of one {@link ChainDecision.RunLink} or {@link ChainDecision.SkipLink}: the link run as an agent run,
 * with the cursor committed before (in flight, with a snapshot of the handoff) and after it (past it, in one atomic
 * write), skip protection, the per-link handoff and log, the status guard, the lines and the events.
 */
final class LinkAttempt {

    /**
     * A link that ran or was skipped.
     *
     * @param round   the round it was in, 1-based
     * @param cursor  the cursor as written after it (still in flight when it was interrupted)
     * @param detail  what a link update says of it
     * @param failure the link and its error's first line when it failed, for the shutdown line; null otherwise
     */
    record Done(LinkSpec link, int round, LinkOutcome outcome, Progress cursor, String detail, String failure) {}

    private final ChainParts parts;
    private final ChainSpec chain;
    private final StateDir state;
    private final ChainPlace place;
    private final ChainLog log;
    private final RunServices services;
    private final EventBus events;
    private final Clock clock;
    private final String runId;
    private final ProgressAccounting accounting;
    private final Consumer<String> notes;

    /** {@code notes}: the chain's log lines, as {@link ChainRun} writes and publishes them. */
    LinkAttempt(
            ChainParts parts,
            RunServices services,
            String runId,
            ProgressAccounting accounting,
            Consumer<String> notes) {
        this.parts = parts;
        this.chain = parts.chain();
        this.place = parts.place();
        this.state = place.state();
        this.log = place.log();
        this.services = services;
        this.events = services.events();
        this.clock = services.clock();
        this.runId = runId;
        this.accounting = accounting;
        this.notes = notes;
    }

    /** Records a skipped link: a line, an event, and the cursor past it. */
    Done skip(ChainDecision.SkipLink skip) {
        LinkSpec link = skip.link();
        notes.accept(link.name() + ": SKIPPED (the handoff assigns " + skip.assigned() + ")");
        events.publish(new Event.LinkFinished(
                runId,
                clock.instant(),
                skip.round(),
                skip.index(),
                link.name(),
                LinkOutcome.SKIPPED,
                "assigned: " + skip.assigned(),
                Duration.ZERO,
                Cost.FREE));
        Progress next = accounting.write(skip.cursor());
        return new Done(link, skip.round(), LinkOutcome.SKIPPED, next, LinkOutcome.SKIPPED.wireName(), null);
    }

    /**
     * Runs the link from cursor {@code progress}, committing the cursor before and after it; {@code handoff} is the
     * one it starts from, which skip protection may put back.
     */
    Done run(ChainDecision.RunLink run, Progress progress, String handoff) {
        LinkSpec link = run.link();
        int index = run.index();
        int round = run.round();
        boolean resumed = run.resumed();
        LinkRunner.Resolved resolved = parts.links().resolve(chain, link);
        String prompt = parts.prompts()
                .resolve(
                        chain,
                        link,
                        TemplateVariables.of(
                                services.environment().home(), chain.name(), state.dir(), state.handoffFile(), round));
        Progress.LinkSession session =
                link.continueSession() ? progress.sessions().get(link.name()) : null;
        // Until a run in it succeeds, every attempt gets a fresh session: a run that failed or was killed leaves its
        // transcript under the id, and the Claude Code CLI refuses a second --session-id with it ("already in use").
        if (link.continueSession() && (session == null || !session.started())) {
            session = new Progress.LinkSession(UUID.randomUUID().toString(), false);
        }
        // llmauto ran a Claude Code continue link in its own folder and continued "the latest conversation there";
        // such a link keeps running there, and while it has no session of Marble's yet it forks that conversation
        // into one under Marble's id (once), which later runs resume by id.
        Path workspace = place.workspace();
        boolean forkLlmauto = false;
        if (session != null && resolved.claudeCode()) {
            Optional<Path> llmautoFolder = state.llmautoWorkspace(link.name());
            if (llmautoFolder.isPresent()) {
                workspace = llmautoFolder.get();
                forkLlmauto = !session.started() && StateDir.hasSessionMarker(workspace);
            }
        }
        Progress inFlight = progress;
        if (!resumed) {
            state.snapshotHandoff();
            inFlight = progress.starting(new Progress.InFlight(index, link.name(), services.nextId(), clock.instant()));
        }
        if (session != null) inFlight = inFlight.withSession(link.name(), session);
        inFlight = accounting.write(inFlight);
        notes.accept(link.name() + " (" + link.role() + "): "
                + (session != null && session.started() || forkLlmauto ? "CONTINUE " : "start ") + resolved.model()
                + (forkLlmauto ? " (llmauto's conversation in " + workspace.getFileName() + ")" : "")
                + (resumed ? " (resumed)" : ""));
        ChatOptions.Session chatSession =
                session == null ? null : new ChatOptions.Session(session.sessionId(), session.started(), forkLlmauto);
        Path conversation = link.continueSession() && !resolved.claudeCode()
                ? state.dir().resolve("conversation_" + link.name() + ".json")
                : null;
        // The cursor as last written: the Claude Code CLI a link starts is added to it (see LeftoverProcesses).
        Progress[] cursor = {inFlight};
        LinkRunner.Result outcome;
        try (CommandLauncher.Observation recording = resolved.claudeCode()
                ? CommandLauncher.shared()
                        .observe(child -> child.identity()
                                .ifPresent(identity -> cursor[0] = accounting.write(
                                        cursor[0].withChild(new Progress.Child(identity, child.marker())))))
                : () -> {}) {
            outcome = parts.links()
                    .run(
                            chain,
                            link,
                            resolved,
                            prompt,
                            chatSession,
                            conversation,
                            workspace,
                            id -> events.publish(new Event.LinkStarted(
                                    runId,
                                    clock.instant(),
                                    round,
                                    index,
                                    link.name(),
                                    link.role(),
                                    resolved.model(),
                                    id,
                                    resumed)));
        }
        inFlight = cursor[0];
        if (outcome.outcome() == LinkOutcome.INTERRUPTED) {
            // The cursor still says in flight: the next start restores the snapshot and runs this link again.
            events.publish(new Event.LinkFinished(
                    runId,
                    clock.instant(),
                    round,
                    index,
                    link.name(),
                    LinkOutcome.INTERRUPTED,
                    outcome.detail(),
                    outcome.elapsed(),
                    outcome.cost()));
            notes.accept(link.name() + ": INTERRUPTED after " + seconds(outcome.elapsed())
                    + "s; it runs again at the next start");
            return new Done(link, round, LinkOutcome.INTERRUPTED, inFlight, outcome.detail(), null);
        }
        String after = state.handoff();
        if (chain.skipProtection() && SkipProtection.decide(handoff, after).restore()) {
            state.handoff(handoff);
            notes.accept(
                    "SKIP PROTECTION: " + link.name() + " left a short skip note; the previous handoff is restored");
        }
        state.linkHandoff(link.name(), after);
        log.linkOutput(link.name(), round, resolved.model().toString(), outcome.answer(), outcome.detail());
        boolean ok = outcome.outcome() == LinkOutcome.OK;
        String status = state.status();
        StatusGuard.correct(status).ifPresent(corrected -> {
            notes.accept("STATUS CORRECTION: '" + status + "' -> '" + corrected.fileWord()
                    + "' (a link may write ALL_DONE or STOPPED only)");
            state.status(corrected);
        });
        Progress done = parts.step().finished(inFlight, outcome.outcome(), outcome.cost());
        if (session != null && ok && !session.started()) {
            done = done.withSession(link.name(), new Progress.LinkSession(session.sessionId(), true));
        }
        done = accounting.write(done); // the commit point: from here on the link is done
        String costText = outcome.cost().known() && outcome.cost().usd().signum() > 0
                ? String.format(Locale.ROOT, ", $%.4f", outcome.cost().usd())
                : "";
        notes.accept(link.name() + ": " + (ok ? "OK" : "FAILED") + " (" + seconds(outcome.elapsed()) + "s" + costText
                + ")"
                + (ok ? summary(log.redact(outcome.answer())) : " " + outcome.detail()));
        events.publish(new Event.LinkFinished(
                runId,
                clock.instant(),
                round,
                index,
                link.name(),
                outcome.outcome(),
                outcome.detail(),
                outcome.elapsed(),
                outcome.cost()));
        return new Done(
                link,
                round,
                outcome.outcome(),
                done,
                ok ? LinkOutcome.OK.wireName() : outcome.detail(),
                ok ? null : link.name() + ": " + firstLine(log.redact(outcome.detail())));
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

    private static String seconds(Duration elapsed) {
        return String.format(Locale.ROOT, "%.1f", elapsed.toMillis() / 1000.0);
    }
}
