package dev.marble.chain.run;

import dev.marble.agent.RunServices;
import dev.marble.chain.ChainSpec;
import dev.marble.chain.notify.Notifications;
import dev.marble.chain.notify.TelegramConfig;
import dev.marble.chain.state.ChainState;
import dev.marble.chain.state.ChainStatus;
import dev.marble.chain.state.ProgressFile;
import dev.marble.chain.state.Shutdown;
import java.math.BigDecimal;

/**
 * One {@code marble chain start}: rounds of links in order until a shutdown condition holds (SEEDS-SPEC 1.9,
 * without llmauto's defects). The chain's driver: {@link ChainStep} decides what happens next from a
 * {@link ChainState} read before each link; {@link SteppedChainRun} performs it (the lock, the state files and the cursor, the
 * link's run through {@link LinkAttempt}, the log, events and notifications); this class loops, and pauses between
 * links.
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
    private final RunServices services;
    private final Notifications notifications;
    private final TelegramConfig telegram;
    private final String runId;

    /**
     * @param services      events, the clock (its zone is the one the deadline's day is judged in), ids, and the
     *                      environment whose home the prompts' {@code {HOME}} names
     * @param notifications where updates go; {@code telegram} says after which links
     */
    public ChainRun(RunServices services, ChainParts parts, Notifications notifications, TelegramConfig telegram) {
        this.parts = parts;
        this.step = parts.step();
        this.chain = parts.chain();
        this.services = services;
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
        try (SteppedChainRun run = SteppedChainRun.open(services, parts, notifications, telegram, runId)) {
            try {
                return run(run);
            } catch (RuntimeException failure) {
                run.failed(failure);
                throw failure;
            }
        }
    }

    private Result run(SteppedChainRun run) {
        while (true) {
            ChainState now = run.read();
            SteppedChainRun.Step done;
            switch (step.next(now, Thread.currentThread().isInterrupted())) {
                case ChainDecision.ShutDown shutDown -> {
                    return run.shutDown(shutDown.shutdown());
                }
                case ChainDecision.Interrupted interrupted -> {
                    return run.interrupted();
                }
                case ChainDecision.NextRound nextRound -> {
                    run.nextRound(nextRound.cursor());
                    continue;
                }
                case ChainDecision.SkipLink skip -> done = run.skip(skip);
                case ChainDecision.RunLink link -> done = run.run(link, now.handoff());
            }
            switch (step.afterLink(done.round(), done.outcome(), done.cursor())) {
                case ChainDecision.Interrupted interrupted -> {
                    return run.interrupted();
                }
                case ChainDecision.NextLink nextLink -> run.linkDone(done, false);
                case ChainDecision.RoundComplete complete -> run.linkDone(done, true);
                case ChainDecision.Completed completed -> {
                    run.linkDone(done, true);
                    return run.completed();
                }
            }
            pause();
        }
    }

    private void pause() {
        if (chain.pauseBetweenLinks().isZero()) return;
        try {
            Thread.sleep(chain.pauseBetweenLinks());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // seen before the next link
        }
    }
}
