package dev.marble.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.Marble;
import dev.marble.api.DurableChainStart;
import dev.marble.api.DurableChainStatus;
import dev.marble.api.DurableEngine;
import dev.marble.api.EngineOptions;
import dev.marble.chain.state.ChainBusyException;
import dev.marble.chain.state.StateDir;
import dev.marble.config.Environment;
import dev.marble.testkit.StandInClaude;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chains on Temporal end to end: Temporal's test server in a JVM of its own on loopback, {@code marble worker}
 * processes ({@link WorkerMain}, each a JVM and a process session of its own), the stand-in {@code claude} as every
 * link's agent, and a client in this JVM that starts chains through the engine's SPI as the CLI does. Each link's
 * agent notes its start in a ledger of starts and appends its line to the handoff, so the final handoff lists the
 * links that counted, and the ledger of starts every time one ran.
 */
class ChainOnTemporalIT {

    private static final List<String> LINKS = List.of("worker", "reviewer", "controller");

    private static TemporalServerProcess server;

    @TempDir
    Path temp;

    private final List<WorkerProcess> workers = new ArrayList<>();

    @BeforeAll
    static void startServer() throws IOException {
        server = TemporalServerProcess.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) server.close();
    }

    @org.junit.jupiter.api.AfterEach
    void stopWorkers() throws Exception {
        for (WorkerProcess worker : workers) worker.close();
    }

    @Test
    void aChainOfThreeLinksRunsToAllDoneThroughTheWorkersAndLeavesTheFilesOfALocalRun() throws Exception {
        Path project = project("tq-a", 0.1);
        chain(project, "trio", 5, 2);
        startWorkers(project, 2, 2);

        String result = runToEnd(project, "trio", 60);

        assertThat(result).isEqualTo("ALL_DONE: ALL_TASKS_DONE");
        StateDir state = StateDir.of(project.resolve("state"), "trio");
        assertThat(ledger(state)).containsExactlyElementsOf(expected(2));
        assertThat(state.status()).isEqualTo("ALL_DONE");
        assertThat(state.round()).isEqualTo(2);
        assertThat(state.lastShutdown()).hasValue("ALL_TASKS_DONE");
        assertThat(starts(project)).hasSize(6);
        String log = Files.readString(project.resolve("logs/trio.log"));
        System.out.println(log);
        assertThat(log)
                .contains("CHAIN START: trio | mode loop | 3 links")
                .contains("TEMPORAL: workflow " + dev.marble.temporal.chain.ChainRef.workflowId(project, "trio"))
                .contains("worker (worker): start")
                .contains("controller: OK")
                .contains("ROUND 1 COMPLETE")
                .contains("ROUND 2 COMPLETE")
                .contains("SHUTDOWN: ALL_TASKS_DONE");
        assertThat(project.resolve("logs/trio_worker.log")).exists();
        assertThat(project.resolve("state/trio/handoff_controller.md")).exists();
        try (Stream<Path> files = Files.list(state.dir())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary file left behind")
                    .noneMatch(name -> name.endsWith(".tmp"));
        }
        try (DurableEngine.Connection connection = connect(project)) {
            DurableChainStatus status =
                    connection.chains().status(project, "trio").orElseThrow();
            assertThat(status.running()).isFalse();
            assertThat(status.status()).isEqualTo("ALL_DONE");
            assertThat(status.linksRun()).isEqualTo(6);
        }
    }

    @Test
    void aSecondStartOfARunningChainIsRefusedAndStopIsASignalHonouredAfterTheLink() throws Exception {
        Path project = project("tq-stop", 0.5);
        chain(project, "long", 0, 1000);
        startWorkers(project, 1, 1);
        try (DurableEngine.Connection connection = connect(project)) {
            DurableChainStart start = new DurableChainStart(project, project.resolve("chains/long.json"), "long", null);
            String id = connection.chains().start(start);

            assertThatThrownBy(() -> connection.chains().start(start)).isInstanceOf(ChainBusyException.class);
            awaitStarts(project, 1);
            assertThat(connection.chains().stop(project, "long", "enough")).isTrue();
            String result = WorkflowStub.fromTyped(((TemporalConnection) connection)
                            .client()
                            .newWorkflowStub(dev.marble.temporal.chain.ChainWorkflow.class, id))
                    .getResult(60, TimeUnit.SECONDS, String.class);

            assertThat(result).isEqualTo("STOPPED: MANUAL_STOP: enough");
            StateDir state = StateDir.of(project.resolve("state"), "long");
            assertThat(state.status()).isEqualTo("STOPPED");
            assertThat(ledger(state)).isNotEmpty().hasSameSizeAs(starts(project));
            assertThat(connection.chains().stop(project, "long", "again")).isFalse();
        }
    }

    /** Kills of a worker in a link (or just after one); -Dmarble.it.kills=20 for the issue's count. */
    private static final int KILLS = Integer.getInteger("marble.it.kills", 5);

    @Test
    void aWorkerKilledInALinkLosesNoFinishedLinkAndTheChainCompletesOnAnother() throws Exception {
        int rounds = 8;
        Path project = project("tq-kill", 0.6);
        Files.writeString(project.resolve("marble.json"), """
                {"temporal": {"task_queue": "tq-kill",
                  "timeouts": {"heartbeat": 2, "schedule_to_start": 2},
                  "workspace": {"on_lost_worker": "move"}}}
                """);
        chain(project, "crash", 0, rounds);
        startWorkers(project, 3, 1);
        Random random = new Random(17);
        List<String> killedIn = new ArrayList<>();
        int spared = 0;
        int next = 4;
        try (DurableEngine.Connection connection = connect(project)) {
            try {
                String id = connection
                        .chains()
                        .start(new DurableChainStart(project, project.resolve("chains/crash.json"), "crash", null));
                WorkflowStub stub = ((TemporalConnection) connection).client().newUntypedWorkflowStub(id);
                while (killedIn.size() < KILLS) {
                    int before = starts(project).size();
                    if (!awaitStartsOrEnd(project, before + 1, connection)) break;
                    // The worker running the link, as its status file says (a query would be one more task).
                    WorkerProcess victim = runningLink();
                    if (victim == null) continue;
                    // Temporal's test server hands the next workflow task to the worker that completed the last one
                    // even once it is dead, and the task is lost (docs/temporal.md): a real server times it out.
                    // The worker running the link is killed only when it is not also that one.
                    if (lastWorkflowWorker(connection, id) == victim.pid()) {
                        spared++;
                        continue;
                    }
                    Thread.sleep(random.nextInt(900));
                    List<String> started = starts(project);
                    killedIn.add(started.getLast());
                    victim.kill();
                    // A link whose agent was starting as the kill came (its start line written after the read above)
                    // was cut by it too. Its rerun elsewhere cannot start this soon: that takes the heartbeat timeout
                    // and the move, seconds.
                    Thread.sleep(200);
                    List<String> around = starts(project);
                    killedIn.addAll(around.subList(started.size(), around.size()));
                    startWorker(project, "w" + next++, 1);
                }
                String result = stub.getResult(120, TimeUnit.SECONDS, String.class);

                assertThat(result).isEqualTo("ALL_DONE: ALL_TASKS_DONE");
            } catch (Throwable failure) {
                dump(project, "crash");
                throw failure;
            }
        }
        StateDir state = StateDir.of(project.resolve("state"), "crash");
        assertThat(ledger(state)).as("each link once per round, in order").containsExactlyElementsOf(expected(rounds));
        List<String> starts = starts(project);
        Map<String, Integer> runs = new HashMap<>();
        starts.forEach(line -> runs.merge(line.substring(line.indexOf(' ') + 1), 1, Integer::sum));
        Set<String> interrupted = new HashSet<>();
        killedIn.forEach(line -> interrupted.add(line.substring(line.indexOf(' ') + 1)));
        for (String link : expected(rounds)) {
            if (!interrupted.contains(link)) {
                assertThat(runs.get(link))
                        .as(link + " ran once: no kill was during it")
                        .isEqualTo(1);
            }
        }
        assertThat(killedIn).as("workers were really killed").hasSizeGreaterThanOrEqualTo(Math.min(KILLS, 3));
        assertThat(starts.size()).isLessThanOrEqualTo(expected(rounds).size() + killedIn.size());
        System.out.println("spared (the workflow's own worker): " + spared + ", kills: " + killedIn.size()
                + ", link starts: " + starts.size() + " for " + expected(rounds).size() + " links");
    }

    @Test
    void thirtyChainsOverThreeWorkersAllCompleteAndEveryWorkerRanLinks() throws Exception {
        Path project = project("tq-load", 0.1);
        // A worker busy with its ten links is not a lost one: a long enough wait before a chain would move.
        Files.writeString(project.resolve("marble.json"), """
                {"temporal": {"task_queue": "tq-load", "timeouts": {"heartbeat": 5, "schedule_to_start": 60}}}
                """);
        int chains = 30;
        for (int i = 1; i <= chains; i++) chain(project, "c" + i, 3, 1);
        startWorkers(project, 3, 10);
        try (DurableEngine.Connection connection = connect(project)) {
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= chains; i++) {
                ids.add(connection
                        .chains()
                        .start(new DurableChainStart(
                                project, project.resolve("chains/c" + i + ".json"), "c" + i, null)));
            }
            for (String id : ids) {
                assertThat(((TemporalConnection) connection)
                                .client()
                                .newUntypedWorkflowStub(id)
                                .getResult(120, TimeUnit.SECONDS, String.class))
                        .as(id)
                        .isEqualTo("ALL_DONE: ALL_TASKS_DONE");
            }
        }
        Set<String> ranOn = new HashSet<>();
        for (int i = 1; i <= chains; i++) {
            assertThat(ledger(StateDir.of(project.resolve("state"), "c" + i))).containsExactlyElementsOf(expected(1));
            String log = Files.readString(project.resolve("logs/c" + i + ".log"));
            java.util.regex.Matcher on =
                    java.util.regex.Pattern.compile("on worker tq-load@(w\\d+)").matcher(log);
            while (on.find()) ranOn.add(on.group(1));
        }
        assertThat(ranOn).as("every worker ran links").containsExactlyInAnyOrder("w1", "w2", "w3");
        assertThat(starts(project)).hasSize(chains * 3);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The pid of the worker that completed the workflow's last workflow task. */
    private static long lastWorkflowWorker(DurableEngine.Connection connection, String id) {
        long pid = -1;
        for (var event :
                ((TemporalConnection) connection).client().fetchHistory(id).getEvents()) {
            if (event.hasWorkflowTaskCompletedEventAttributes()) {
                String identity =
                        event.getWorkflowTaskCompletedEventAttributes().getIdentity();
                pid = Long.parseLong(identity.substring(0, identity.indexOf('@')));
            }
        }
        return pid;
    }

    private WorkerProcess runningLink() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (WorkerProcess worker : workers) {
                if (worker.alive()
                        && worker.report()
                                .map(r -> r.running().stream()
                                        .anyMatch(w -> w.activity().equals("MarbleChainRunLink")))
                                .orElse(false)) {
                    return worker;
                }
            }
            Thread.sleep(10);
        }
        return null;
    }

    /** Waits until {@code count} links started; false when the chain's workflow ended first. */
    private boolean awaitStartsOrEnd(Path project, int count, DurableEngine.Connection connection) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (starts(project).size() < count) {
            if (!((dev.marble.temporal.chain.TemporalChains) connection.chains()).running(project, "crash"))
                return false;
            assertThat(System.nanoTime()).as("a link started").isLessThan(deadline);
            Thread.sleep(20);
        }
        return true;
    }

    private Path project(String taskQueue, double linkSeconds) throws IOException {
        Path project = Files.createDirectories(temp.resolve("project"));
        Files.createDirectories(project.resolve("chains"));
        Files.writeString(project.resolve("marble.json"), """
                {"temporal": {"task_queue": "%s",
                  "timeouts": {"heartbeat": 2, "schedule_to_start": 3},
                  "workspace": {"on_lost_worker": "move"}}}
                """.formatted(taskQueue));
        StandInClaude.install(temp.resolve("bin"));
        Files.createDirectories(temp.resolve("home"));
        this.linkSeconds = linkSeconds;
        return project;
    }

    private double linkSeconds;

    /** A chain of worker, reviewer, controller; the controller of round {@code doneAfter} writes ALL_DONE. */
    private static void chain(Path project, String name, int maxRounds, int doneAfter) throws IOException {
        Files.writeString(
                project.resolve("chains/" + name + ".json"), """
                {"max_rounds": %d, "links": [
                  {"name": "worker", "model": "sonnet", "prompt": "{STATE_DIR} worker {ROUND} %d"},
                  {"name": "reviewer", "model": "opus", "prompt": "{STATE_DIR} reviewer {ROUND} %d"},
                  {"name": "controller", "model": "haiku", "prompt": "{STATE_DIR} controller {ROUND} %d"}]}
                """.formatted(maxRounds, doneAfter, doneAfter, doneAfter));
    }

    private Map<String, String> workerEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", temp.resolve("bin") + ":/usr/bin:/bin");
        env.put("HOME", temp.resolve("home").toString());
        // The agent: note its start, take a while, append its line to the handoff as an agent would, and at the
        // controller of the last round write ALL_DONE.
        env.put(
                "STANDIN_CLAUDE_AGENT",
                "set -- $STANDIN_CLAUDE_PROMPT; echo \"$1 $2 $3\" >> " + temp.resolve("starts.txt") + "; sleep "
                        + linkSeconds + "; printf '%s\\n' \"$2 $3\" >> \"$1/handoff.md\";"
                        + " if [ \"$2\" = controller ] && [ \"$3\" = \"$4\" ]; then echo ALL_DONE > \"$1/status.txt\"; fi");
        env.put("MARBLE_TEMPORAL_STICKY", System.getProperty("marble.it.sticky", "false"));
        return env;
    }

    /** Starts {@code count} workers at once (their JVMs start in parallel) and waits until each serves. */
    private void startWorkers(Path project, int count, int maxLinks) throws Exception {
        List<java.util.concurrent.CompletableFuture<WorkerProcess>> starting = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String name = "w" + i;
            starting.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return WorkerProcess.start(
                            server.address(),
                            name,
                            maxLinks,
                            project,
                            temp.resolve(name + ".out"),
                            workerEnvironment());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        for (var worker : starting) workers.add(worker.get(90, TimeUnit.SECONDS));
    }

    /** What the chain's log, its workflow and the workers said: printed when a test fails, to see why. */
    private void dump(Path project, String chain) {
        try {
            System.out.println(
                    "---- logs/" + chain + ".log\n" + Files.readString(project.resolve("logs/" + chain + ".log")));
            try (DurableEngine.Connection connection = connect(project)) {
                var history = ((TemporalConnection) connection)
                        .client()
                        .fetchHistory(dev.marble.temporal.chain.ChainRef.workflowId(project, chain));
                for (var event : history.getEvents()) {
                    System.out.println("event " + event.getEventId() + " " + event.getEventType() + " "
                            + java.time.Instant.ofEpochSecond(
                                    event.getEventTime().getSeconds()) + " "
                            + (event.hasActivityTaskScheduledEventAttributes()
                                    ? event.getActivityTaskScheduledEventAttributes()
                                                    .getActivityType()
                                                    .getName() + " "
                                            + event.getActivityTaskScheduledEventAttributes()
                                                    .getTaskQueue()
                                                    .getName()
                                    : "")
                            + (event.hasWorkflowTaskScheduledEventAttributes()
                                    ? event.getWorkflowTaskScheduledEventAttributes()
                                            .getTaskQueue()
                                            .toString()
                                            .replace('\n', ' ')
                                    : "")
                            + (event.hasWorkflowTaskCompletedEventAttributes()
                                    ? event.getWorkflowTaskCompletedEventAttributes()
                                            .getIdentity()
                                    : "")
                            + (event.hasActivityTaskTimedOutEventAttributes()
                                    ? event.getActivityTaskTimedOutEventAttributes()
                                            .getFailure()
                                            .toString()
                                            .replace('\n', ' ')
                                    : ""));
                }
            }
            for (WorkerProcess worker : workers) {
                Path out = temp.resolve(worker.name() + ".out");
                if (Files.exists(out)) System.out.println("---- " + worker.name() + "\n" + Files.readString(out));
            }
        } catch (Exception e) {
            System.out.println("---- dump failed: " + e);
        }
    }

    private WorkerProcess startWorker(Path project, String name, int maxLinks) throws IOException {
        WorkerProcess worker = WorkerProcess.start(
                server.address(), name, maxLinks, project, temp.resolve(name + ".out"), workerEnvironment());
        workers.add(worker);
        return worker;
    }

    private DurableEngine.Connection connect(Path project) {
        Map<String, String> variables = Map.of("HOME", temp.resolve("home").toString());
        Marble marble = Marble.start(new Environment(variables, project, temp.resolve("home")), warning -> {});
        return DurableEngine.find("temporal", getClass().getClassLoader())
                .orElseThrow()
                .connect(marble, new EngineOptions(server.address(), null, null));
    }

    private String runToEnd(Path project, String chain, int seconds) throws Exception {
        try (DurableEngine.Connection connection = connect(project)) {
            String id = connection
                    .chains()
                    .start(new DurableChainStart(project, project.resolve("chains/" + chain + ".json"), chain, null));
            return ((TemporalConnection) connection)
                    .client()
                    .newUntypedWorkflowStub(id)
                    .getResult(seconds, TimeUnit.SECONDS, String.class);
        }
    }

    private static List<String> expected(int rounds) {
        List<String> expected = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) for (String link : LINKS) expected.add(link + " " + round);
        return expected;
    }

    private static List<String> ledger(StateDir state) {
        return state.handoff()
                .lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
    }

    private List<String> starts(Path project) throws IOException {
        Path file = temp.resolve("starts.txt");
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    private void awaitStarts(Path project, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (starts(project).size() < count) {
            assertThat(System.nanoTime()).as("a link started").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static Set<String> names(List<WorkerProcess> workers) {
        Set<String> names = new HashSet<>();
        workers.forEach(worker -> names.add(worker.name()));
        return names;
    }

    static final Random RANDOM = new Random(17);
}
