package dev.marble.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.api.DurableChainStart;
import dev.marble.api.DurableChainStatus;
import dev.marble.api.DurableEngine;
import dev.marble.chain.state.ChainBusyException;
import dev.marble.chain.state.StateDir;
import dev.marble.testkit.StandInClaude;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    /** Every worker a test started (some from other threads), killed after it. */
    private final List<WorkerProcess> workers = new java.util.concurrent.CopyOnWriteArrayList<>();

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

    /** How many times a worker is killed; -Dmarble.it.kills=N for another count. */
    private static final int KILLS = Integer.getInteger("marble.it.kills", 20);

    /**
     * The issue's crash test: {@link #KILLS} times, at a random moment, a random live worker of three is killed with
     * SIGKILL (its JVM alone, as the OOM killer does) and a new one is started in its place, while one long chain
     * runs. The moment may fall in a link, in the step after one, in a workflow task or between them. Then the chain
     * must complete with every link counted once in order (the handoff's ledger), every link no kill fell in run
     * exactly once (the ledger of starts), and no process any link started still running.
     *
     * <p>The seed is printed: {@code -Dmarble.it.seed=S} replays the same kills (the same moments and victims; the
     * server's own timing still varies). {@code MARBLE_TEMPORAL_STICKY=false} in the workers (see
     * {@link #workerEnvironment}): with no sticky queue every workflow task goes to the shared queue, so a killed
     * worker strands no task on a queue of its own. The earlier version of this test spared the worker that had
     * completed the workflow's last workflow task (the test server handed that worker the next task even once dead);
     * with sticky execution off that is not needed any more: this test kills any live worker, that one included.
     */
    @Test
    void aRandomWorkerKilledTwentyTimesAtRandomMomentsLosesNoFinishedLinkAndTheChainCompletes() throws Exception {
        long seed = Long.getLong("marble.it.seed", System.nanoTime());
        System.out.println("kill test seed " + seed + " (replay: -Dmarble.it.seed=" + seed + ")");
        Random random = new Random(seed);
        Path project = project("tq-kill", 0.5);
        Files.writeString(project.resolve("marble.json"), """
                {"temporal": {"task_queue": "tq-kill",
                  "timeouts": {"heartbeat": 2, "schedule_to_start": 2},
                  "workspace": {"on_lost_worker": "move"}}}
                """);
        // Every link leaves a process in the background: ended with the link when it finishes, by the killed
        // worker's watcher when it does not.
        agentPrefix = "(exec -a marble-it-orphan sleep 300 >/dev/null 2>&1) & ";
        // The chain goes on until the kills are over: the controller writes ALL_DONE only once the test allows it.
        Path enough = temp.resolve("enough");
        chain(project, "crash", 0, 1000);
        finishWhen = enough;
        startWorkers(project, 3, 1);
        Set<String> hit = new HashSet<>(); // links a kill may have fallen in
        int kills = 0;
        int next = 4;
        List<java.util.concurrent.CompletableFuture<WorkerProcess>> starting = new ArrayList<>();
        try (DurableEngine.Connection connection = connect(project)) {
            try {
                String id = connection
                        .chains()
                        .start(new DurableChainStart(project, project.resolve("chains/crash.json"), "crash", null));
                WorkflowStub stub = ((TemporalConnection) connection).client().newUntypedWorkflowStub(id);
                awaitStarts(project, 1);
                long began = System.nanoTime();
                while (kills < KILLS) {
                    Thread.sleep(random.nextInt(1500));
                    List<WorkerProcess> live =
                            workers.stream().filter(WorkerProcess::alive).toList();
                    if (live.size() < 2) continue; // one worker always serves, or the chain only waits
                    WorkerProcess victim = live.get(random.nextInt(live.size()));
                    // The link running now (if any) is the last started. The victim's link may also note its start
                    // after the kill: one the dying worker was starting, which lives until its parent-death signal
                    // or the watcher ends it. So every start noted until the victim's link processes are gone may
                    // have been hit (a link another worker starts meanwhile only loosens the check for that link).
                    int noted = starts(project).size();
                    lastStart(project).ifPresent(hit::add);
                    victim.killAlone();
                    long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                    while (!agentProcesses(victim.name()).isEmpty() && System.nanoTime() < gone) Thread.sleep(50);
                    List<String> since = starts(project);
                    for (String line : since.subList(Math.min(noted, since.size()), since.size())) {
                        hit.add(line.substring(line.indexOf(' ') + 1));
                    }
                    kills++;
                    String name = "w" + next++;
                    starting.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return startWorker(project, name, 1);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }));
                }
                System.out.println("the kills took " + (System.nanoTime() - began) / 1_000_000_000 + " s");
                Files.writeString(enough, "");
                String result = stub.getResult(180, TimeUnit.SECONDS, String.class);

                assertThat(result).isEqualTo("ALL_DONE: ALL_TASKS_DONE");
            } catch (Throwable failure) {
                System.out.println("kill test seed " + seed);
                dump(project, "crash");
                throw failure;
            } finally {
                for (var worker : starting) worker.join();
            }
        }
        StateDir state = StateDir.of(project.resolve("state"), "crash");
        List<String> links = expected(state.round());
        assertThat(ledger(state)).as("each link once per round, in order").containsExactlyElementsOf(links);
        List<String> starts = starts(project);
        Map<String, Integer> runs = new HashMap<>();
        starts.forEach(line -> runs.merge(line.substring(line.indexOf(' ') + 1), 1, Integer::sum));
        for (String link : links) {
            assertThat(runs.get(link))
                    .as(link + (hit.contains(link) ? " (a kill may have cut it short)" : " (no kill fell in it)"))
                    .isBetween(1, hit.contains(link) ? KILLS + 1 : 1);
        }
        assertThat(starts.size()).as("one run more at most per kill").isLessThanOrEqualTo(links.size() + kills);
        awaitNoAgentProcesses();
        System.out.println("kills: " + kills + ", links: " + links.size() + ", link starts: " + starts.size()
                + ", links a kill may have fallen in: " + hit.size() + ", seed " + seed);
    }

    /**
     * {@code marble worker} asked to stop (SIGTERM) while its link runs, with a drain limit longer than the link:
     * it takes no new work, lets the link finish and report, and exits (0) before the limit. The chain, pinned to
     * it, then moves to the other worker (on_lost_worker: move) and completes; the link ran once.
     */
    @Test
    void aWorkerStoppedInALinkFinishesItWithinItsDrainAndTheChainCompletesOnAnother() throws Exception {
        Drained drained = drainInTheFirstLink("tq-drain", 3, 30);

        assertThat(drained.exit()).as("exit code after a drain").isZero();
        assertThat(drained.seconds()).as("exited within its drain limit").isLessThan(30);
        assertThat(drained.ranOn())
                .as("the first link ran once, on the drained worker")
                .containsOnlyOnce("worker 1 w1");
        assertThat(drained.ranOn()).as("the rest on the other worker").contains("reviewer 1 w2", "controller 1 w2");
        assertThat(drained.ranOn()).as("no link ran twice").hasSize(3);
    }

    /**
     * The same with a link longer than the drain limit: when the limit is up the worker interrupts the link and
     * hands it back (the cursor still says in flight) and exits; the other worker runs it again from the handoff's
     * snapshot, so the ledger counts it once, and the chain completes.
     */
    @Test
    void aLinkLongerThanTheDrainIsHandedBackAndRunByAnotherWorker() throws Exception {
        Drained drained = drainInTheFirstLink("tq-handback", 6, 1);

        assertThat(drained.exit()).as("exit code after a drain").isZero();
        // The limit, then what MarbleWorker gives interrupted links to end (10 s at most) and the JVM's exit.
        assertThat(drained.seconds()).as("exited soon after its drain limit").isLessThan(1 + 10);
        assertThat(drained.ranOn())
                .as("the first link was cut short on the drained worker and run again on the other")
                .containsSubsequence("worker 1 w1", "worker 1 w2");
        assertThat(drained.ranOn()).as("every other link once").hasSize(4);
    }

    /** What {@link #drainInTheFirstLink} saw: the drained worker's exit code and seconds, who ran which link. */
    private record Drained(int exit, double seconds, List<String> ranOn) {}

    /**
     * A chain of one round pinned to w1 (drain limit {@code drainSeconds}), a second worker w2 beside it; w1 gets
     * SIGTERM half a second into the first link. Returns once the chain completed with each link counted once.
     */
    private Drained drainInTheFirstLink(String queue, double linkSeconds, int drainSeconds) throws Exception {
        Path project = project(queue, linkSeconds);
        chain(project, "drained", 0, 1);
        var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return startWorker(project, "w2", 1);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        WorkerProcess first = WorkerProcess.start(
                server.address(), "w1", 1, drainSeconds, project, temp.resolve("w1.out"), workerEnvironment("w1"));
        workers.add(first);
        second.get(90, TimeUnit.SECONDS);
        try (DurableEngine.Connection connection = connect(project)) {
            try {
                String id = connection
                        .chains()
                        .start(new DurableChainStart(project, project.resolve("chains/drained.json"), "drained", "w1"));
                awaitStarts(project, 1);
                Thread.sleep(500);
                long stopping = System.nanoTime();
                int exit = first.terminate(drainSeconds + 30);
                double seconds = (System.nanoTime() - stopping) / 1e9;
                System.out.println("w1 exited " + exit + " after " + seconds + " s");
                // Long: the test server has held a chain's workflow task 11 s and more before a poll took it (6 s
                // links, three of them); a CI run gave up at 90 s with the last task still waiting.
                String result = ((TemporalConnection) connection)
                        .client()
                        .newUntypedWorkflowStub(id)
                        .getResult(240, TimeUnit.SECONDS, String.class);

                System.out.println(Files.readString(project.resolve("logs/drained.log")));
                // whether a poll under way brought w1 the next link during its drain (it refuses it), for the record
                Files.readAllLines(temp.resolve("w1.out")).stream()
                        .filter(line -> line.contains("refused"))
                        .forEach(System.out::println);
                assertThat(result).isEqualTo("ALL_DONE: ALL_TASKS_DONE");
                assertThat(ledger(StateDir.of(project.resolve("state"), "drained")))
                        .as("each link counted once")
                        .containsExactlyElementsOf(expected(1));
                return new Drained(exit, seconds, Files.readAllLines(temp.resolve("ran-on.txt")));
            } catch (Throwable failure) {
                dump(project, "drained");
                throw failure;
            }
        }
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
                // Half of them pinned round-robin (chain start --worker), half left to the first worker that claims
                // them from the shared queue. On Temporal's test server the claims alone have left one of three
                // workers without a chain (in 5 of 7 runs on the day this was written): how claims spread is the
                // server's matching of tasks to polls, which Marble does not steer (docs/temporal.md, pinned mode).
                String worker = i % 2 == 0 ? "w" + (1 + (i / 2) % 3) : null;
                ids.add(connection
                        .chains()
                        .start(new DurableChainStart(
                                project, project.resolve("chains/c" + i + ".json"), "c" + i, worker)));
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
        Map<String, Integer> claimed = new HashMap<>();
        for (int i = 1; i <= chains; i++) {
            assertThat(ledger(StateDir.of(project.resolve("state"), "c" + i))).containsExactlyElementsOf(expected(1));
            String log = Files.readString(project.resolve("logs/c" + i + ".log"));
            java.util.regex.Matcher on =
                    java.util.regex.Pattern.compile("on worker tq-load@(w\\d+)").matcher(log);
            Set<String> chainRanOn = new HashSet<>();
            while (on.find()) chainRanOn.add(on.group(1));
            ranOn.addAll(chainRanOn);
            if (i % 2 == 1) chainRanOn.forEach(worker -> claimed.merge(worker, 1, Integer::sum));
        }
        System.out.println("the claimed chains, by the worker they ran on: " + claimed);
        assertThat(ranOn).as("every worker ran links").containsExactlyInAnyOrder("w1", "w2", "w3");
        assertThat(starts(project)).hasSize(chains * 3);
    }

    /**
     * Marble's promise that no process it started outlives it, on a worker: the worker's JVM alone is killed with
     * SIGKILL (as the OOM killer does; not its process group, which would end what a machine's loss ends) while a
     * link's agent runs with a child in the foreground and another it put in the background. The stand-in
     * {@code claude} dies of its parent-death signal; its children, in its session, must be ended by the worker's
     * watcher ({@code Reaper} in marble-core), which finds them by the launch marker they inherited.
     */
    @Test
    void noProcessOfALinkOutlivesItsWorkerKilledWithSigkill() throws Exception {
        Path project = project("tq-orphans", 30);
        agentPrefix = "(exec -a marble-it-orphan sleep 300 >/dev/null 2>&1) & ";
        chain(project, "orphans", 0, 1);
        startWorkers(project, 1, 1);
        try (DurableEngine.Connection connection = connect(project)) {
            String id = connection
                    .chains()
                    .start(new DurableChainStart(project, project.resolve("chains/orphans.json"), "orphans", null));
            try {
                awaitStarts(project, 1);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (agentProcesses().size() < 3) {
                    assertThat(System.nanoTime())
                            .as("the agent and its two sleeps run")
                            .isLessThan(deadline);
                    Thread.sleep(20);
                }
                System.out.println("the link's processes: " + agentProcesses());

                workers.getFirst().killAlone();

                awaitNoAgentProcesses();
            } finally {
                for (long pid : agentProcesses()) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                ((TemporalConnection) connection)
                        .client()
                        .newUntypedWorkflowStub(id)
                        .terminate("test over");
            }
        }
    }

    /**
     * The processes a link's agent runs (the stand-in's agent shell and what it starts), found by the
     * environment they inherit: {@code STANDIN_CLAUDE_PROMPT} naming this test's folder. Zombies show no
     * environment and are not counted (they are dead; their parent reaps them).
     */
    private List<Long> agentProcesses() {
        return agentProcesses(null);
    }

    /** As {@link #agentProcesses()}, of links the worker {@code worker} ran ({@code IT_WORKER}), or any's if null. */
    private List<Long> agentProcesses(String worker) {
        String prompt = "STANDIN_CLAUDE_PROMPT=" + temp;
        List<Long> found = new ArrayList<>();
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            for (Path dir : proc.toList()) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                try {
                    List<String> environ = List.of(
                            new String(Files.readAllBytes(dir.resolve("environ")), StandardCharsets.UTF_8).split("\0"));
                    if (environ.stream().anyMatch(entry -> entry.startsWith(prompt))
                            && (worker == null || environ.contains("IT_WORKER=" + worker))) {
                        found.add(Long.parseLong(name));
                    }
                } catch (IOException gone) {
                    // ended meanwhile, or not ours to read
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return found;
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

    /** Bash run by every link's agent before its usual work (a test's extra processes). */
    private String agentPrefix = "";

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

    /** The environment of a worker named {@code name}: {@code IT_WORKER} tells its links' agents who runs them. */
    private Map<String, String> workerEnvironment(String name) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", temp.resolve("bin") + ":/usr/bin:/bin");
        env.put("HOME", temp.resolve("home").toString());
        env.put("IT_WORKER", name);
        // The agent: note its start (and where it ran), take a while, append its line to the handoff as an agent
        // would, and at the controller of the last round write ALL_DONE.
        String last = "[ \"$3\" = \"$4\" ]" + (finishWhen == null ? "" : " || [ -e " + finishWhen + " ]");
        env.put(
                "STANDIN_CLAUDE_AGENT",
                agentPrefix + "set -- $STANDIN_CLAUDE_PROMPT; echo \"$1 $2 $3\" >> " + temp.resolve("starts.txt")
                        + "; echo \"$2 $3 $IT_WORKER\" >> " + temp.resolve("ran-on.txt") + "; sleep " + linkSeconds
                        + "; printf '%s\\n' \"$2 $3\" >> \"$1/handoff.md\";"
                        + " if [ \"$2\" = controller ] && { " + last
                        + "; }; then echo ALL_DONE > \"$1/status.txt\"; fi");
        env.put("MARBLE_TEMPORAL_STICKY", System.getProperty("marble.it.sticky", "false"));
        return env;
    }

    /** When set, the last round is the one whose controller finds this file. */
    private Path finishWhen;

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
                            workerEnvironment(name));
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
                server.address(), name, maxLinks, project, temp.resolve(name + ".out"), workerEnvironment(name));
        workers.add(worker);
        return worker;
    }

    private DurableEngine.Connection connect(Path project) {
        return server.connect(project, temp.resolve("home"));
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

    /** The link (name and round) that started last, if one did. */
    private java.util.Optional<String> lastStart(Path project) throws IOException {
        List<String> starts = starts(project);
        if (starts.isEmpty()) return java.util.Optional.empty();
        String line = starts.getLast();
        return java.util.Optional.of(line.substring(line.indexOf(' ') + 1));
    }

    /** Waits (10 s at most, as long as a watcher looks) until no process of any link runs, then asserts it. */
    private void awaitNoAgentProcesses() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!agentProcesses().isEmpty() && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(agentProcesses()).as("processes of links still running").isEmpty();
    }

    private void awaitStarts(Path project, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (starts(project).size() < count) {
            assertThat(System.nanoTime()).as("a link started").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
