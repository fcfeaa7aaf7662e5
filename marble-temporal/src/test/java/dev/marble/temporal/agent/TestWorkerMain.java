package dev.marble.temporal.agent;

import dev.marble.Marble;
import dev.marble.api.EngineOptions;
import dev.marble.config.Environment;
import dev.marble.temporal.TemporalConnection;
import dev.marble.temporal.TemporalSettings;
import dev.marble.temporal.WorkerPart;
import dev.marble.temporal.WorkerSetup;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.ServiceLoader;

/**
 * A worker for the tests, in a JVM of its own (not {@code marble worker}, which its own module part builds): the
 * project in its working directory, the server from {@code TEMPORAL_ADDRESS}, every {@link WorkerPart} the class
 * path lists (so the services file is tested too). Prints {@code READY} once it polls, and exits when its standard
 * input closes, or at once when the test kills it.
 */
public final class TestWorkerMain {

    private TestWorkerMain() {}

    public static void main(String[] args) throws Exception {
        Environment environment = Environment.system();
        try (Marble marble = Marble.start(environment, System.err::println)) {
            marble.openJournal();
            TemporalSettings settings =
                    TemporalSettings.resolve(EngineOptions.NONE, environment.variables(), marble.config());
            try (TemporalConnection connection = TemporalConnection.open(settings)) {
                WorkerFactory factory = WorkerFactory.newInstance(connection.client());
                WorkerOptions options = WorkerOptions.newBuilder()
                        // No sticky execution. By default a workflow's next task goes first to the sticky queue of
                        // the worker that ran its last one; when that worker is killed, Temporal's test server leaves
                        // the task there for ever (seen here: WORKFLOW_TASK_SCHEDULED, never started), whatever
                        // sticky schedule-to-start timeout is set. A zero timeout makes the SDK ask for no sticky
                        // queue at all, so every task goes to the shared queue and the workers still alive replay it.
                        // A real server moves the task after the timeout; 'marble worker' sets a short one there.
                        .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
                        // Few pollers: a killed worker leaves no more waiting polls on the server than it must.
                        .setMaxConcurrentWorkflowTaskPollers(2)
                        .setMaxConcurrentActivityTaskPollers(1)
                        .build();
                Worker shared = factory.newWorker(settings.taskQueue(), options);
                String ownQueue =
                        settings.taskQueue() + "-" + ProcessHandle.current().pid();
                Worker own = factory.newWorker(ownQueue, options);
                WorkerSetup setup = new WorkerSetup(shared, own, ownQueue, marble, settings);
                for (WorkerPart part : ServiceLoader.load(WorkerPart.class)) part.register(setup);
                factory.start();
                System.out.println("READY " + ProcessHandle.current().pid());
                System.out.flush();
                while (System.in.read() != -1) {
                    // the parent closing its end of the pipe is the signal to stop
                }
                factory.shutdownNow();
            }
        }
        System.exit(0);
    }
}
