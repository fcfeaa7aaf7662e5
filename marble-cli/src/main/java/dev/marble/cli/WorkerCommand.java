package dev.marble.cli;

import dev.marble.Marble;
import dev.marble.api.DurableEngine;
import dev.marble.api.WorkerReport;
import dev.marble.api.WorkerRequest;
import dev.marble.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code marble worker}: runs the links of chains started with {@code --engine temporal} (and whatever else the engine
 * has for workers), until SIGTERM or Ctrl-C; then drains. {@code --status} shows what the workers started in this
 * project run, from their status files, without the engine.
 */
@Command(
        name = "worker",
        description = {
            "Run Temporal chains' links (and agent runs) here until stopped.",
            "Many workers on many machines share the work; a chain's links run on the worker that holds its project"
                    + " (pinned). SIGTERM drains: no new work, the links in flight finish or are handed back."
        },
        footer = {
            "  marble worker",
            "  marble worker --max-concurrent-links 8 --name build-box-1",
            "  marble worker --temporal-address tmp.example:7233 --temporal-namespace ns",
            "  marble worker --status --json   # what this project's workers run"
        })
final class WorkerCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(
            names = "--max-concurrent-links",
            paramLabel = "N",
            defaultValue = "4",
            description = "Links this worker runs at once (default: ${DEFAULT-VALUE}).")
    int maxConcurrentLinks;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "The worker's name, which names its own queue: a restarted worker of the same name takes"
                    + " its chains back (default: the host's name).")
    String name;

    @Option(
            names = "--drain",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "On SIGTERM, how long links in flight may take before they are handed back (default:"
                    + " ${DEFAULT-VALUE}).")
    long drainSeconds;

    @Option(names = "--status", description = "Show what this project's workers run (their status files) and exit.")
    boolean status;

    @Mixin
    EngineFlags engineFlags;

    @Mixin
    JsonOption json;

    WorkerCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        if (maxConcurrentLinks < 1) {
            throw new dev.marble.error.UsageException(
                    "--max-concurrent-links must be at least 1, not " + maxConcurrentLinks);
        }
        try (Marble marble = Marble.start(context.environment(), context.err()::println, context.redactor())) {
            Path reports = WorkerReport.directory(marble.stateDirectory());
            if (status) return showStatus(reports);
            String worker = name != null ? name : host();
            if (!worker.matches("[A-Za-z0-9._-]+")) {
                throw new dev.marble.error.UsageException(
                        "--name '" + worker + "' may hold only letters, digits, '.', '_' and '-'");
            }
            marble.openJournal();
            try (DurableEngine.Connection connection =
                    TemporalChainMarker.connect(context, marble, engineFlags.options())) {
                connection.serveWorker(new WorkerRequest(
                        marble,
                        worker,
                        maxConcurrentLinks,
                        Duration.ofSeconds(drainSeconds),
                        reports.resolve(worker + ".json")));
            }
            return ExitCodes.OK;
        }
    }

    private int showStatus(Path reports) throws IOException {
        List<WorkerReport> found = new ArrayList<>();
        if (Files.isDirectory(reports)) {
            try (Stream<Path> files = Files.list(reports)) {
                files.filter(file -> file.toString().endsWith(".json"))
                        .sorted()
                        .forEach(file -> WorkerReport.read(file).ifPresent(found::add));
            }
        }
        if (json.enabled()) {
            ArrayNode all = Json.array();
            for (WorkerReport report : found) {
                var out = all.addObject();
                out.put("name", report.name());
                out.put("pid", report.pid());
                out.put("host", report.host());
                out.put("alive", alive(report));
                out.put("state", shownState(report));
                out.put("server", report.server());
                out.put("task_queue", report.taskQueue());
                out.put("own_queue", report.ownQueue());
                out.put("max_links", report.maxLinks());
                out.put("done", report.done());
                out.put("started_at", report.startedAt());
                out.put("updated_at", report.updatedAt());
                ArrayNode running = out.putArray("running");
                for (WorkerReport.Work work : report.running()) {
                    var item = running.addObject();
                    item.put("workflow_id", work.workflowId());
                    item.put("activity", work.activity());
                    item.put("since", work.since());
                }
            }
            context.out().println(Json.write(all));
            return ExitCodes.OK;
        }
        if (found.isEmpty()) {
            context.out().println("No worker has run in this project (no status file in " + reports + ").");
            return ExitCodes.OK;
        }
        for (WorkerReport report : found) {
            context.out()
                    .println(report.name() + " (pid " + report.pid() + " on " + report.host() + "): "
                            + (shownState(report).equals("GONE")
                                    ? "GONE (last seen " + report.updatedAt() + ")"
                                    : shownState(report))
                            + ", " + report.server() + ", queues " + report.taskQueue() + " and " + report.ownQueue()
                            + ", " + report.done() + " done, "
                            + report.running().size() + "/" + report.maxLinks()
                            + " running");
            for (WorkerReport.Work work : report.running()) {
                context.out().println("  " + work.activity() + " for " + work.workflowId() + " since " + work.since());
            }
        }
        return ExitCodes.OK;
    }

    /** The state it wrote, or GONE when it is not STOPPED and its process is no longer there. */
    private static String shownState(WorkerReport report) {
        if (report.state().equals("STOPPED")) return "STOPPED";
        return alive(report) ? report.state() : "GONE";
    }

    /** Whether the worker that wrote {@code report} still runs (on this machine; another's is taken as it says). */
    private static boolean alive(WorkerReport report) {
        if (!report.host().equals(host())) return !report.state().equals("STOPPED");
        return !report.state().equals("STOPPED")
                && ProcessHandle.of(report.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
