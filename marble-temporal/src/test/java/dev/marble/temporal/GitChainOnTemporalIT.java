package dev.marble.temporal;

import static dev.marble.temporal.TestGit.git;
import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.api.DurableChainStart;
import dev.marble.api.DurableEngine;
import dev.marble.testkit.StandInClaude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * git workspace mode end to end: a bare repository on local disk as {@code origin}, two {@code marble worker}
 * processes each in a clone of its own (separate folders: they share no path), a client in a third clone. The chain's
 * steps go to the shared queue; whichever worker takes one checks the chain's branch out in its clone, runs the step
 * and pushes it. The stand-in {@code claude} appends its line to {@code state/NAME/handoff.md} as an agent would, so
 * the branch's handoff lists every link that counted, whichever clone it ran in.
 *
 * <p>The workers run without sticky execution ({@code MARBLE_TEMPORAL_STICKY=false}): Temporal's test server hands a
 * workflow task to the sticky queue of a worker that is gone and never moves it, so with sticky execution the worker
 * that ran the first link could not be drained.
 */
class GitChainOnTemporalIT {

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

    @AfterEach
    void stopWorkers() throws Exception {
        for (WorkerProcess worker : workers) worker.close();
    }

    @Test
    void aChainInGitModeRunsOnTwoWorkersWithOwnClonesAndItsBranchHoldsEveryLinkInOrder() throws Exception {
        Path origin = temp.resolve("origin.git");
        git(temp, "init", "-q", "--bare", "-b", "main", origin.toString());
        Path client = temp.resolve("client");
        git(temp, "clone", "-q", origin.toString(), client.toString());
        Files.createDirectories(client.resolve("chains"));
        Files.writeString(client.resolve("marble.json"), """
                {"temporal": {"task_queue": "tq-git",
                  "timeouts": {"heartbeat": 2, "schedule_to_start": 30},
                  "workspace": {"mode": "git"}}}
                """);
        Files.writeString(client.resolve("chains/trio.json"), """
                {"max_rounds": 0, "links": [
                  {"name": "worker", "model": "sonnet", "prompt": "{STATE_DIR} worker {ROUND} 2"},
                  {"name": "reviewer", "model": "opus", "prompt": "{STATE_DIR} reviewer {ROUND} 2"},
                  {"name": "controller", "model": "haiku", "prompt": "{STATE_DIR} controller {ROUND} 2"}]}
                """);
        git(client, "add", "-A");
        commit(client, "the project");
        git(client, "push", "-q", "origin", "HEAD:refs/heads/main");
        StandInClaude.install(temp.resolve("bin"));
        Files.createDirectories(temp.resolve("home"));
        List<CompletableFuture<WorkerProcess>> starting = new ArrayList<>();
        for (String name : List.of("w1", "w2")) {
            Path clone = temp.resolve("clones").resolve(name);
            git(temp, "clone", "-q", origin.toString(), clone.toString());
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return WorkerProcess.start(
                            server.address(), name, 1, clone, temp.resolve(name + ".out"), environment());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        for (var worker : starting) workers.add(worker.get(90, TimeUnit.SECONDS));

        String result;
        try (DurableEngine.Connection connection = connect(client)) {
            String id = connection
                    .chains()
                    .start(new DurableChainStart(client, client.resolve("chains/trio.json"), "trio", null));
            // The worker that finished a step polls again first and the test server hands it the next one: left
            // alone, one worker may run them all. A worker running a link drains (SIGTERM): the link finishes and is
            // pushed, and the other worker takes the chain on from the branch. Not the worker that completed the
            // workflow's last task: the test server would hand it the next one once it is gone, and lose it.
            // The workers run without sticky execution (MARBLE_TEMPORAL_STICKY=false), so any of them may go.
            WorkerProcess drained = awaitLink(1);
            assertThat(drained.terminate(60)).as("the drained worker's exit").isZero();
            result = ((TemporalConnection) connection)
                    .client()
                    .newUntypedWorkflowStub(id)
                    .getResult(60, TimeUnit.SECONDS, String.class);
        } catch (Exception failure) {
            for (String name : List.of("w1", "w2")) {
                System.out.println("---- " + name + "\n" + Files.readString(temp.resolve(name + ".out")));
            }
            throw failure;
        }

        assertThat(result).isEqualTo("ALL_DONE: ALL_TASKS_DONE");
        String branch = "marble/chain/trio";
        List<String> subjects =
                git(origin, "log", "--reverse", "--format=%s", branch).lines().toList();
        System.out.println(String.join("\n", subjects));
        List<String> links = subjects.stream()
                .filter(subject -> subject.matches("chain trio: link \\d+ of round \\d+ \\(worker .*"))
                .toList();
        assertThat(links)
                .as("every link's commit, in order")
                .map(subject -> subject.substring(0, subject.indexOf(" (worker")))
                .containsExactly(
                        "chain trio: link 1 of round 1",
                        "chain trio: link 2 of round 1",
                        "chain trio: link 3 of round 1",
                        "chain trio: link 1 of round 2",
                        "chain trio: link 2 of round 2",
                        "chain trio: link 3 of round 2");
        assertThat(links).as("links ran on w1").anyMatch(subject -> subject.endsWith("@w1)"));
        assertThat(links).as("links ran on w2").anyMatch(subject -> subject.endsWith("@w2)"));
        List<String> starts = Files.readAllLines(temp.resolve("starts.txt"));
        assertThat(starts)
                .as("each worker ran links in its own clone")
                .hasSizeBetween(6, 7)
                .anyMatch(line -> line.startsWith(temp.resolve("clones/w1").toString()))
                .anyMatch(line -> line.startsWith(temp.resolve("clones/w2").toString()));

        String handoff = git(origin, "show", branch + ":state/trio/handoff.md");
        assertThat(handoff.lines().filter(line -> !line.isBlank() && !line.startsWith("#")))
                .as("the handoff as a local run leaves it")
                .containsExactly("worker 1", "reviewer 1", "controller 1", "worker 2", "reviewer 2", "controller 2");
        assertThat(git(origin, "show", branch + ":state/trio/status.txt")).isEqualTo("ALL_DONE");
        assertThat(git(origin, "show", branch + ":logs/trio.log"))
                .contains("SHUTDOWN: ALL_TASKS_DONE")
                .contains("ROUND 2 COMPLETE");
        assertThat(git(origin, "ls-tree", "-r", "--name-only", branch))
                .as("the lock and Marble's own folder are not committed")
                .doesNotContain("state/trio/lock")
                .doesNotContain(".marble/");
    }

    /** The worker whose clone link start number {@code count} was in. */
    private WorkerProcess awaitLink(int count) throws Exception {
        Path starts = temp.resolve("starts.txt");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(starts) || Files.readAllLines(starts).size() < count) {
            assertThat(System.nanoTime()).as("a link started").isLessThan(deadline);
            Thread.sleep(20);
        }
        String line = Files.readAllLines(starts).get(count - 1);
        return workers.stream()
                .filter(worker -> line.startsWith(temp.resolve("clones").resolve(worker.name()) + "/"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the first link ran in no worker's clone: " + line));
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", temp.resolve("bin") + ":/usr/bin:/bin");
        env.put("HOME", temp.resolve("home").toString());
        env.put(
                "STANDIN_CLAUDE_AGENT",
                "set -- $STANDIN_CLAUDE_PROMPT; echo \"$1 $2 $3\" >> " + temp.resolve("starts.txt") + "; sleep 0.2;"
                        + " printf '%s\\n' \"$2 $3\" >> \"$1/handoff.md\";"
                        + " if [ \"$2\" = controller ] && [ \"$3\" = \"$4\" ]; then echo ALL_DONE > \"$1/status.txt\"; fi");
        env.put("MARBLE_TEMPORAL_STICKY", "false");
        return env;
    }

    private DurableEngine.Connection connect(Path project) {
        return server.connect(project, temp.resolve("home"));
    }

    private static void commit(Path dir, String message) throws Exception {
        git(dir, "-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", message);
    }
}
