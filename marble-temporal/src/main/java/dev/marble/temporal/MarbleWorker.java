package dev.marble.temporal;

import dev.marble.api.WorkerReport;
import dev.marble.api.WorkerRequest;
import dev.marble.temporal.chain.TemporalChains;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code marble worker}: polls the shared task queue and its own, with every {@link WorkerPart} on the class path
 * registered (chains, agent runs), until SIGTERM; then drains: it takes no new work, lets the links in flight finish
 * for the drain time, and hands back what is still running (its activities are interrupted, and the server gives
 * them to another worker). It writes what it runs to its status file as it changes.
 */
public final class MarbleWorker {

    /**
     * How long a workflow task may wait on this worker's sticky queue (its cache of the workflows it ran) before the
     * server gives it to any worker. With the default, a worker killed with its cache means the next workflow task
     * of those workflows can wait on the dead worker's sticky queue; on Temporal's test server we saw it wait
     * forever. A few seconds costs a replay on another worker at most.
     */
    static final Duration STICKY_SCHEDULE_TO_START = Duration.ofSeconds(3);

    /**
     * The failure type of work a draining worker refuses on its own queue: the chain's workflow takes it as the
     * worker being gone (see {@code ChainWorkflowImpl.onWorker}), not as a failed step.
     */
    public static final String DRAINING = "dev.marble.temporal.WorkerDraining";

    private final TemporalConnection connection;
    private final WorkerRequest request;
    private final String ownQueue;
    private final Instant startedAt = Instant.now();
    private final Map<String, WorkerReport.Work> running = new ConcurrentHashMap<>();
    private final AtomicInteger done = new AtomicInteger();
    private volatile String state = "SERVING";
    /**
     * Activities started or ended since the status file was last written. The file is written by a thread of its
     * own, never by the activity: an atomic write syncs to disk (1–12 ms each on a loaded machine), twice per link
     * on its critical path otherwise, and the file is for people, not for the chain.
     */
    private final Semaphore changed = new Semaphore(0);

    private MarbleWorker(TemporalConnection connection, WorkerRequest request) {
        this.connection = connection;
        this.request = request;
        this.ownQueue = TemporalChains.ownQueue(connection.settings().taskQueue(), request.name());
    }

    /** Serves until the process is asked to stop (SIGTERM, Ctrl-C), then drains and returns. */
    public static void serve(TemporalConnection connection, WorkerRequest request) {
        new MarbleWorker(connection, request).serve();
    }

    private void serve() {
        WorkerFactoryOptions.Builder factoryOptions = WorkerFactoryOptions.newBuilder()
                .setWorkerInterceptors(new Reporting())
                .setWorkflowHostLocalTaskQueueScheduleToStartTimeout(STICKY_SCHEDULE_TO_START);
        // MARBLE_TEMPORAL_STICKY=false: no sticky execution at all (every workflow task replays), for tests that kill
        // workers over and over; see STICKY_SCHEDULE_TO_START for why the timeout is short otherwise.
        boolean sticky =
                !"false".equals(request.marble().environment().variables().get("MARBLE_TEMPORAL_STICKY"));
        if (!sticky) factoryOptions.setWorkflowCacheSize(0);
        WorkerFactory factory = WorkerFactory.newInstance(connection.client(), factoryOptions.build());
        WorkerOptions options = WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(request.maxConcurrentLinks())
                // A zero timeout makes the SDK ask for no sticky queue at all: the only setting with which Temporal's
                // test server never strands a task on a worker that is gone.
                .setStickyQueueScheduleToStartTimeout(sticky ? STICKY_SCHEDULE_TO_START : Duration.ZERO)
                .build();
        Worker shared = factory.newWorker(connection.settings().taskQueue(), options);
        Worker own = factory.newWorker(ownQueue, options);
        WorkerSetup setup = new WorkerSetup(shared, own, ownQueue, request.marble(), connection.settings());
        List<WorkerPart> registered = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (WorkerPart part : ServiceLoader.load(WorkerPart.class, MarbleWorker.class.getClassLoader())) {
            part.register(setup);
            registered.add(part);
            parts.add(part.getClass().getSimpleName());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch drained = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    stopped.countDown();
                    try {
                        drained.await(request.drain().toMillis() + 10_000, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "marble-worker-drain");
        Runtime.getRuntime().addShutdownHook(hook);
        factory.start();
        report();
        Thread reporter = Thread.ofPlatform()
                .daemon()
                .name("marble-worker-status")
                .start(() -> {
                    try {
                        while (true) {
                            changed.acquire();
                            changed.drainPermits(); // what changed meanwhile is in this one write
                            report();
                        }
                    } catch (InterruptedException stopping) {
                        // the worker stopped: its last report is written by serve
                    }
                });
        request.marble()
                .warn("[marble worker] " + request.name() + " serving " + connection.describe() + ", queues "
                        + connection.settings().taskQueue() + " and " + ownQueue + " (" + String.join(", ", parts)
                        + "), "
                        + request.maxConcurrentLinks() + " links at once");
        boolean interrupted = false;
        try {
            while (!stopped.await(2, TimeUnit.SECONDS)) report();
        } catch (InterruptedException e) {
            // marble's CLI answers SIGTERM and Ctrl-C by interrupting the command's thread (no shutdown hook runs):
            // that is the signal to drain. The flag is cleared for the drain (an interrupted thread can neither wait
            // for the links nor write the status file) and set again after it.
            interrupted = true;
        }
        state = "DRAINING";
        report();
        long deadline = System.nanoTime() + request.drain().toNanos();
        // No new work, and what runs goes on heartbeating. Not factory.shutdown() yet: the SDK stops an activity's
        // heartbeats at shutdown (heartbeat() throws ActivityWorkerShutdownException), which ended every link at
        // once (its heartbeat thread takes that as "no longer wanted"), and a link that went on without heartbeats
        // would be retried on another worker after the heartbeat timeout while it still ran here.
        shared.suspendPolling();
        own.suspendPolling();
        if (awaitIdle(deadline)) interrupted = true;
        factory.shutdown(); // a task a poll under way still brought in is refused its heartbeats and handed back
        factory.awaitTermination(
                Math.max(1_000, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())), TimeUnit.MILLISECONDS);
        if (!factory.isTerminated()) {
            // Handed back: interrupted links end as stopped links do and are retried on another worker.
            factory.shutdownNow();
            factory.awaitTermination(10, TimeUnit.SECONDS);
        }
        registered.forEach(WorkerPart::close);
        reporter.interrupt();
        state = "STOPPED";
        report();
        drained.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is stopping (SIGTERM without marble's CLI): the hook waited for this drain and ends now
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /**
     * Waits until no activity runs on this worker, or until {@code deadline} ({@link System#nanoTime}); says whether
     * it was interrupted meanwhile (the flag is left clear, for the rest of the drain).
     */
    private boolean awaitIdle(long deadline) {
        boolean interrupted = false;
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                interrupted = true; // a second Ctrl-C: the drain limit still holds
            }
            report();
        }
        return interrupted;
    }

    private synchronized void report() {
        try {
            new WorkerReport(
                            request.name(),
                            ProcessHandle.current().pid(),
                            WorkerIdentity.host(),
                            connection.describe(),
                            connection.settings().taskQueue(),
                            ownQueue,
                            state,
                            request.maxConcurrentLinks(),
                            done.get(),
                            startedAt.toString(),
                            Instant.now().toString(),
                            List.copyOf(running.values()))
                    .write(request.statusFile());
        } catch (RuntimeException unwritable) {
            // the status file is for people; a full disk must not stop the work
        }
    }

    /**
     * Suspending the pollers does not stop a poll already waiting for a free slot: when the link in flight ends,
     * that poll takes the next task on the worker's own queue, and the draining worker would run a pinned chain's
     * next link (a CI run saw it). Such work is refused at once, before it touches the workspace; the chain's
     * workflow moves or waits as for a lost worker. Work from the shared queue is run within the drain as any in
     * flight: it holds no workspace, and an agent run's call refused would spend one of its attempts.
     */
    private void refuseWhileDraining(ActivityExecutionContext context) {
        if (!"SERVING".equals(state) && ownQueue.equals(context.getInfo().getActivityTaskQueue())) {
            request.marble()
                    .warn("[marble worker] " + request.name() + " draining: refused "
                            + context.getInfo().getActivityType() + " of "
                            + context.getInfo().getWorkflowId());
            throw ApplicationFailure.newNonRetryableFailure(
                    "the worker " + request.name() + " is draining and takes no new work", DRAINING);
        }
    }

    /** Notes every activity this worker runs, for its status file. */
    private final class Reporting extends WorkerInterceptorBase {
        @Override
        public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
            return new ActivityInboundCallsInterceptorBase(next) {
                private ActivityExecutionContext context;

                @Override
                public void init(ActivityExecutionContext context) {
                    this.context = context;
                    super.init(context);
                }

                @Override
                public ActivityOutput execute(ActivityInput input) {
                    refuseWhileDraining(context);
                    String key = context.getInfo().getActivityId() + "/"
                            + context.getInfo().getWorkflowId();
                    running.put(
                            key,
                            new WorkerReport.Work(
                                    context.getInfo().getWorkflowId(),
                                    context.getInfo().getActivityType(),
                                    Instant.now().toString()));
                    changed.release();
                    try {
                        return super.execute(input);
                    } finally {
                        running.remove(key);
                        done.incrementAndGet();
                        changed.release();
                    }
                }
            };
        }
    }
}
