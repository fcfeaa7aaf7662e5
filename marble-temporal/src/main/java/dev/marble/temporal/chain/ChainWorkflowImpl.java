package dev.marble.temporal.chain;

import dev.marble.api.DurableChainStatus;
import dev.marble.chain.run.ChainDecision;
import dev.marble.chain.run.ChainStep;
import dev.marble.chain.state.ChainState;
import dev.marble.event.LinkOutcome;
import dev.marble.temporal.MarbleWorker;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.ZoneId;
import java.util.function.Function;

/**
 * The chain's driver on Temporal. Each step: the worker's reading of the state ({@link ChainView}), the decision
 * {@link ChainStep} makes from it here (deterministic: the workflow's clock, no files), and the effect as an activity
 * on the worker that holds the workspace. A link is done when that worker's cursor says so: a link activity repeated
 * after its worker was lost finds the cursor past it and does not run it again ({@link LinkResult#acted}).
 */
public final class ChainWorkflowImpl implements ChainWorkflow {

    /**
     * Links per run of the workflow before it continues as new: history stays bounded whatever the chain (a link is
     * about six events: its activity's three, a workflow task's three). Not every round: a continue-as-new costs a
     * workflow task of its own, which for short rounds is a large share of a link's time.
     */
    static final int LINKS_PER_RUN = 100;

    /**
     * Errors retrying cannot mend: the chain file, the project. (A chain busy elsewhere is retried: the worker that
     * held it may be releasing it as the chain moves.)
     */
    static final String[] NOT_RETRYABLE = {"dev.marble.error.UsageException", "dev.marble.chain.ChainFileException"};

    private ChainWorkflowInput input;
    private String worker;
    private String stopRequested;
    private ChainView view;
    private ChainOutline outline;
    private String linkRunning;
    private String waiting;
    private boolean running = true;
    private int linksRun;
    /** git mode: the head of the chain's branch the next step expects (the last step's push). */
    private String head;

    @Override
    public String run(ChainWorkflowInput input) {
        this.input = input;
        this.worker = input.worker();
        if (input.chain().git() != null) head = input.chain().git().base();
        if (input.carried() != null) {
            stopRequested = input.carried().stopRequested();
            linksRun = input.carried().linksRun();
        }
        try {
            return drive();
        } catch (ActivityFailure failure) {
            String why = firstLine(rootMessage(failure));
            try {
                call(a -> a.end(ref(), "ERROR", null, why));
            } catch (ActivityFailure unreported) {
                // the worker is gone too: the reason stays in the workflow's result and history
            }
            running = false;
            return "STOPPED: ERROR: " + why;
        }
    }

    private String drive() {
        Opened opened = opened();
        outline = opened.outline();
        ChainStep step = ChainStep.of(outline.spec());
        ZoneId zone = ZoneId.of(outline.zone());
        long pause = outline.pauseMillis();
        view = opened.view();
        int linksThisRun = 0;
        while (true) {
            ChainState state = view.state(Workflow.currentTimeMillis(), zone, stopRequested);
            LinkResult done;
            switch (step.next(state, false)) {
                case ChainDecision.ShutDown shutDown -> {
                    String text = shutDown.shutdown().text();
                    String reason = shutDown.shutdown().reason().name();
                    running = false;
                    return call(a -> a.end(ref(), "SHUTDOWN", reason, text));
                }
                case ChainDecision.Interrupted interrupted -> {
                    running = false;
                    return call(a -> a.end(ref(), "INTERRUPTED", null, null));
                }
                case ChainDecision.NextRound nextRound -> {
                    view = call(a -> a.nextRound(ref()));
                    continue;
                }
                case ChainDecision.SkipLink skip -> done = call(a -> a.skipLink(ref(), skip.round(), skip.index()));
                case ChainDecision.RunLink link -> {
                    linkRunning = link.link().name();
                    try {
                        done = callLink(a -> a.runLink(ref(), link.round(), link.index()));
                    } finally {
                        linkRunning = null;
                    }
                }
            }
            view = done.view();
            if (!done.acted()) continue; // the state moved on without this link: decide again from it
            linksRun++;
            linksThisRun++;
            // The worker did the link's bookkeeping from the same decision (LinkSteps); here it says how to go on.
            LinkOutcome outcome = LinkOutcome.valueOf(done.outcome());
            switch (step.afterLink(done.round(), outcome, view.progress())) {
                case ChainDecision.Interrupted interrupted -> {
                    running = false;
                    return call(a -> a.end(ref(), "INTERRUPTED", null, null));
                }
                case ChainDecision.Completed completed -> {
                    running = false;
                    return call(a -> a.end(ref(), "COMPLETED", null, null));
                }
                case ChainDecision.NextLink nextLink -> {}
                case ChainDecision.RoundComplete complete -> {}
            }
            if (linksThisRun >= LINKS_PER_RUN || Workflow.getInfo().isContinueAsNewSuggested()) continueAsNew(pause);
            if (pause > 0) Workflow.sleep(Duration.ofMillis(pause));
        }
    }

    /**
     * The chain as its worker opened it. A continued run has it from the run before (the worker keeps the chain's
     * session across runs), so only a new start opens the chain, or a move to another worker ({@link #onWorker}).
     */
    private Opened opened() {
        ChainWorkflowInput.Carried carried = input.carried();
        if (worker != null && carried != null && carried.outline() != null && carried.view() != null) {
            return new Opened(worker, carried.outline(), carried.view());
        }
        return worker == null ? claim() : call(a -> a.open(ref()));
    }

    /**
     * A new run of this workflow, with an empty history, from where this one is: every {@link #LINKS_PER_RUN} links
     * (or sooner when the server suggests it), so history stays small. It carries what the next run decides from.
     */
    private void continueAsNew(long pause) {
        if (pause > 0) Workflow.sleep(Duration.ofMillis(pause));
        int runs = input.carried() == null ? 1 : input.carried().runs() + 1;
        Workflow.continueAsNew(input.next(
                ref(), worker, new ChainWorkflowInput.Carried(stopRequested, linksRun, runs, outline, view)));
    }

    /** The chain, in git mode with its branch's head as the next step expects it. */
    private ChainRef ref() {
        return input.chain().at(head);
    }

    private boolean git() {
        return input.chain().git() != null;
    }

    /** git mode: the head a step's result was pushed at, for the next step. */
    private void remember(Object result) {
        ChainView seen = switch (result) {
            case ChainView v -> v;
            case LinkResult r -> r.view();
            case Opened o -> o.view();
            case null, default -> null;
        };
        if (seen != null && seen.head() != null) head = seen.head();
    }

    @Override
    public void stop(String reason) {
        stopRequested = reason == null ? "" : reason;
    }

    @Override
    public DurableChainStatus status() {
        ChainView seen = view;
        return new DurableChainStatus(
                input == null ? null : input.chain().workflowId(),
                running,
                seen == null || seen.status() == null ? "RUNNING" : seen.status(),
                seen == null ? 0 : seen.round(),
                seen == null ? 0 : seen.nextLink(),
                linkRunning,
                worker,
                waiting,
                stopRequested,
                seen == null ? null : seen.lastShutdown(),
                seen == null ? "0" : seen.costUsd(),
                linksRun);
    }

    /**
     * The chain taken by whichever worker polls the shared queue first: its own queue is where links go after. A
     * claim no worker took within the move-after time is made again (no worker yet, or the one it went to died).
     */
    private Opened claim() {
        while (true) {
            ChainActivities shared = Workflow.newActivityStub(
                    ChainActivities.class, options(Workflow.getInfo().getTaskQueue(), false, false));
            try {
                Opened opened = shared.open(ref());
                remember(opened);
                worker = opened.worker();
                waiting = null;
                return opened;
            } catch (ActivityFailure failure) {
                if (!(failure.getCause() instanceof TimeoutFailure)) throw failure;
                waiting = "no worker took the chain within " + input.timeouts().moveAfterSeconds() + "s";
            }
        }
    }

    private <T> T call(Function<ChainActivities, T> step) {
        return onWorker(step, false);
    }

    private LinkResult callLink(Function<ChainActivities, LinkResult> step) {
        return onWorker(step, true);
    }

    /**
     * Runs {@code step} on the worker that holds the workspace, one attempt at a time: a retry the server made on its
     * own would go to the same worker's queue, where (as seen on the test server) no schedule-to-start timer watches
     * it, so a dead worker's retried link would wait forever. Here each attempt is scheduled afresh, with the
     * move-after time as its schedule-to-start timeout. A link that stopped heartbeating (or a step that took too
     * long) is tried again on the same worker, which may be back; a worker that does not take the work within the
     * move-after time is gone: the chain waits for it, or with {@code on_lost_worker: move} another worker takes the
     * chain and resumes it as a restart would. Errors retrying cannot mend end the chain.
     */
    private <T> T onWorker(Function<ChainActivities, T> step, boolean link) {
        int failures = 0;
        while (true) {
            // git mode: any worker takes any step, from the shared queue; pinned: the holding worker's own queue
            String queue = git() ? Workflow.getInfo().getTaskQueue() : worker;
            ChainActivities activities = Workflow.newActivityStub(ChainActivities.class, options(queue, true, link));
            try {
                T result = step.apply(activities);
                remember(result);
                waiting = null;
                return result;
            } catch (ActivityFailure failure) {
                TimeoutType timeout = failure.getCause() instanceof TimeoutFailure t ? t.getTimeoutType() : null;
                if (timeout == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START && git()) {
                    waiting = "no worker took the chain's step within "
                            + input.timeouts().moveAfterSeconds() + "s";
                } else if (timeout == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START) {
                    waiting = "the worker " + worker + " took no work for "
                            + input.timeouts().moveAfterSeconds() + "s";
                    if ("move".equals(input.onLostWorker())) moveToAnotherWorker();
                } else if (draining(failure)) {
                    // refused before it began: the worker is leaving, as good as lost (no attempt spent)
                    waiting = "the worker " + worker + " is draining";
                    if ("move".equals(input.onLostWorker())) moveToAnotherWorker();
                    else Workflow.sleep(Duration.ofSeconds(1)); // its queue waits for it, with the usual timeout
                } else if (timeout == null && (notRetryable(failure) || ++failures >= ATTEMPTS)) {
                    throw failure;
                } else if (timeout == null) {
                    Workflow.sleep(Duration.ofSeconds(failures));
                }
                // a lost heartbeat or a step that took too long: the next attempt shows whether the worker is there
            }
        }
    }

    private void moveToAnotherWorker() {
        Opened moved = claim();
        view = moved.view();
        outline = moved.outline();
    }

    private static boolean draining(ActivityFailure failure) {
        return failure.getCause() instanceof ApplicationFailure application
                && MarbleWorker.DRAINING.equals(application.getType());
    }

    /** Attempts of a step that failed (not timed out) before the chain stops with its error. */
    static final int ATTEMPTS = 3;

    private static boolean notRetryable(ActivityFailure failure) {
        if (!(failure.getCause() instanceof ApplicationFailure application)) return false;
        if (application.isNonRetryable()) return true;
        for (String type : NOT_RETRYABLE) if (type.equals(application.getType())) return true;
        return false;
    }

    private ActivityOptions options(String queue, boolean pinned, boolean link) {
        ChainWorkflowInput.ChainTimeouts timeouts = input.timeouts();
        ActivityOptions.Builder options = ActivityOptions.newBuilder()
                .setTaskQueue(queue)
                // A step that is not a link writes a few files: it is lost with its worker if it takes this long.
                .setStartToCloseTimeout(
                        link
                                ? Duration.ofHours(timeouts.linkHours())
                                : Duration.ofSeconds(Math.max(10, 5 * timeouts.heartbeatSeconds())))
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofMillis(500))
                        .setBackoffCoefficient(2)
                        .setMaximumInterval(Duration.ofSeconds(10))
                        // on a worker's own queue, attempts are the workflow's (onWorker); the claim on the shared
                        // queue may go to any worker, and the server retries it
                        .setMaximumAttempts(pinned ? 1 : 5)
                        .setDoNotRetry(NOT_RETRYABLE)
                        .build());
        // On the worker's own queue, waiting longer than this means the worker is gone: see onWorker. On the shared
        // queue, that no worker took the chain: claim.
        options.setScheduleToStartTimeout(Duration.ofSeconds(timeouts.moveAfterSeconds()));
        if (link) options.setHeartbeatTimeout(Duration.ofSeconds(timeouts.heartbeatSeconds()));
        return options.build();
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) cause = cause.getCause();
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse(text);
    }
}
