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

    // ---------------------------------------------------------------------------------------------------------

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
        env.put("MARBLE_TEMPORAL_STICKY", "false");
        return env;
    }

    private void startWorkers(Path project, int count, int maxLinks) throws IOException {
        for (int i = 1; i <= count; i++) startWorker(project, "w" + i, maxLinks);
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
