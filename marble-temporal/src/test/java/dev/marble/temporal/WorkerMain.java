package dev.marble.temporal;

import dev.marble.Marble;
import dev.marble.api.DurableEngine;
import dev.marble.api.EngineOptions;
import dev.marble.api.WorkerReport;
import dev.marble.api.WorkerRequest;
import dev.marble.config.Environment;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A {@code marble worker} process for the ITs: what the CLI's command does after parsing its flags (the engine found
 * through {@link DurableEngine#find}, connected, {@link DurableEngine.Connection#serveWorker}), in a JVM of its own
 * started in the project. Arguments: the server's address, the worker's name, the links it runs at once, and optionally its drain limit in
 * seconds (5 by default).
 */
public final class WorkerMain {

    private WorkerMain() {}

    public static void main(String[] args) {
        // SIGTERM drains, as the CLI's command does: the serving thread is interrupted, stops polling cleanly and
        // lets its links finish (a worker that just dies leaves its polls for the test server to hand work to).
        Thread serving = Thread.currentThread();
        sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> serving.interrupt());
        Environment environment = Environment.system();
        try (Marble marble = Marble.start(environment, System.err::println)) {
            DurableEngine engine = DurableEngine.find("temporal", WorkerMain.class.getClassLoader())
                    .orElseThrow();
            try (DurableEngine.Connection connection = engine.connect(marble, new EngineOptions(args[0], null, null))) {
                connection.serveWorker(new WorkerRequest(
                        marble,
                        args[1],
                        Integer.parseInt(args[2]),
                        Duration.ofSeconds(args.length > 3 ? Integer.parseInt(args[3]) : 5),
                        WorkerReport.directory(marble.stateDirectory()).resolve(args[1] + ".json")));
            }
        }
    }

    static Path statusFile(Path project, String name) {
        return WorkerReport.directory(project.resolve(".marble")).resolve(name + ".json");
    }
}
