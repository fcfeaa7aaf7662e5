package dev.marble.temporal.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.api.DurableRuns;
import dev.marble.error.UsageException;
import dev.marble.provider.resilience.RetryPolicy;
import dev.marble.temporal.TemporalConnection;
import dev.marble.temporal.TemporalServerProcess;
import dev.marble.temporal.TemporalSettings;
import dev.marble.temporal.TemporalTimeouts;
import dev.marble.temporal.TemporalTls;
import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenRequest;
import dev.marble.testkit.SeenToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agent runs on Temporal, end to end: Temporal's test server standalone on loopback, workers in JVMs of their own
 * (killed with {@code kill -9} where a test says so), the fake Anthropic server over loopback as the model, real
 * tools in real folders. The fake answers each request from the request alone (the scenario in the goal, the number
 * of answers so far), so a call made twice is seen twice in its request log.
 */
class AgentRunIT {

    private static final String KEY = "sk-ant-api03-temporalSecretKeyNeverInHistory000000000000";
    private static final Duration HEARTBEAT = Duration.ofSeconds(2);

    @TempDir
    static Path project;

    private static TemporalServerProcess server;
    private static FakeAnthropicServer model;
    private static final List<WorkerProcess> workers = new ArrayList<>();
    private static TemporalConnection connection;
    private static DurableRuns runs;

    @BeforeAll
    static void start() throws IOException {
        server = TemporalServerProcess.start();
        model = FakeAnthropicServer.start().requireApiKey(KEY);
        model.respondWith(AgentRunIT::answer);
        // The workers' project: heartbeats every 2 s (a killed worker's call moves after that), a deny rule.
        Files.writeString(project.resolve("marble.json"), """
                {"temporal": {"timeouts": {"heartbeat": 2}},
                 "approvals": {"deny": ["run_command(rm *)"]},
                 "sandbox": "off"}
                """);
        startWorker();
        startWorker();
        connection = TemporalConnection.open(new TemporalSettings(
                        server.address(),
                        "default",
                        "marble",
                        TemporalTls.NONE,
                        new TemporalTimeouts(HEARTBEAT, Duration.ofMinutes(1), Duration.ofSeconds(10))))
                .retrying(RetryPolicy.DEFAULT);
        runs = connection.runs();
    }

    @AfterAll
    static void stop() {
        workers.forEach(WorkerProcess::close);
        if (connection != null) connection.close();
        if (model != null) model.close();
        if (server != null) server.close();
    }

    @Test
    void anAgentRunWithToolsCompletesThroughTheWorkers() throws IOException, InterruptedException {
        Path workspace = workspace("tools");
        Files.writeString(workspace.resolve("notes.txt"), "the answer is 42\n");

        DurableRuns.Outcome outcome = runToTheEnd("scenario tools", workspace, DurableRuns.Approvals.APPROVE_ALL);

        assertThat(outcome.ending()).isEqualTo("COMPLETED");
        assertThat(outcome.answer()).contains("TASK_COMPLETE");
        assertThat(outcome.tally().turns()).isEqualTo(3);
        assertThat(outcome.tally().inputTokens()).isPositive();
        assertThat(Files.readString(workspace.resolve("out.txt"))).isEqualTo("done");
        // The model saw the file the first tool read: the tool ran on a worker and its result came back.
        assertThat(toolResults("scenario tools")).anyMatch(text -> text.contains("the answer is 42"));
        assertThat(runs.status(outcome.runId()).state()).isEqualTo("completed");
        // The workers journaled the run's calls in their project's journal, under the run id (the workflow id).
        String[] journal = {""};
        waitFor("the run's end in the workers' journal", () -> {
            try {
                journal[0] = marble("logs", "--run", outcome.runId(), "--json").out();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return journal[0].contains("run_finished");
        });
        assertThat(journal[0].lines().findFirst().orElseThrow()).contains("\"id\":\"" + outcome.runId() + "\"");
        assertThat(journal[0]).contains("tool_called").contains("read_file").contains("write_file");
    }

    @Test
    void aRateLimitedModelCallIsRetriedByTemporalAfterTheServersRetryAfter() throws IOException {
        Path workspace = workspace("retry");
        Files.writeString(workspace.resolve("notes.txt"), "retried\n");
        model.enqueue(FakeReply.error(429, "rate_limit_error", "slow down").withHeader("retry-after", "1"));

        DurableRuns.Outcome outcome = runToTheEnd("scenario tools", workspace, DurableRuns.Approvals.APPROVE_ALL);

        assertThat(outcome.ending()).isEqualTo("COMPLETED");
        // The first call was refused once, then made again by Temporal's retry; the later calls once each.
        Map<Integer, Long> callsPerStep = model.requests().stream()
                .filter(r -> !r.messages().isEmpty()
                        && r.messages().getFirst().text().startsWith("Work in ws-retry:"))
                .collect(Collectors.groupingBy(AgentRunIT::answersSoFar, Collectors.counting()));
        assertThat(callsPerStep).isEqualTo(Map.of(0, 2L, 1, 1L, 2, 1L));
    }

    @Test
    void aWorkerKilledMidRunIsReplacedAndNoFinishedModelCallIsMadeAgain() throws Exception {
        Path workspace = workspace("kill");
        String runId = runs.start(request("scenario kill", workspace, DurableRuns.Approvals.APPROVE_ALL));

        // The first answer asks for a command that takes seconds and writes the pid of the worker running it (the
        // shell's parent): that worker is killed mid-call; the other one goes on, a new one joins.
        waitFor(
                "the command to start",
                () -> !read(workspace.resolve("started.txt")).isBlank());
        long pid = Long.parseLong(read(workspace.resolve("started.txt")));
        WorkerProcess running = workers.stream()
                .filter(w -> w.pid() == pid)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no worker of ours runs the command: pid " + pid));
        running.kill();
        workers.remove(running);
        startWorker();

        DurableRuns.Outcome outcome = awaitRun(runId);

        assertThat(outcome.ending()).isEqualTo("COMPLETED");
        assertThat(Files.readString(workspace.resolve("slept.txt")).strip()).isEqualTo("slept");
        // Each model call the run made was made once: the answer that asked for the command was in the history
        // when its worker died, and the worker that went on replayed it instead of calling again.
        Map<Integer, Long> callsPerStep = requests("scenario kill").stream()
                .collect(Collectors.groupingBy(AgentRunIT::answersSoFar, Collectors.counting()));
        assertThat(callsPerStep).isEqualTo(Map.of(0, 1L, 1, 1L));
    }

    @Test
    void anApprovalWaitsSurvivesAWorkerRestartAndCompletesOnceAnswered() throws Exception {
        Path workspace = workspace("approve");
        String runId = runs.start(request("scenario approve", workspace, DurableRuns.Approvals.PERSON));

        DurableRuns.Status waiting = waitForState(runId, "waiting_for_approval");
        assertThat(waiting.pending().tool()).isEqualTo("write_file");
        assertThat(waiting.pending().number()).isEqualTo(1);
        assertThat(workspace.resolve("approved.txt")).doesNotExist();

        // Every worker goes; a new one comes. The wait is in the server, not in any worker's thread.
        for (WorkerProcess worker : List.copyOf(workers)) {
            worker.kill();
            workers.remove(worker);
        }
        startWorker();
        startWorker();
        assertThat(runs.status(runId).state()).isEqualTo("waiting_for_approval");

        CliProcess approved = marble("approve", runId);
        DurableRuns.Outcome outcome = awaitRun(runId);

        assertThat(approved.exit()).as(approved.err()).isZero();
        assertThat(approved.out()).startsWith("[marble approve] " + runId + ": approved write_file");
        assertThat(outcome.ending()).isEqualTo("COMPLETED");
        assertThat(Files.readString(workspace.resolve("approved.txt"))).isEqualTo("yes");
        CliProcess again = marble("approve", runId);
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err().strip())
                .contains("is not waiting for an approval")
                .doesNotContain("\n");
        assertThatThrownBy(() -> runs.answer(runId, true, null))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("is not waiting for an approval");
    }

    @Test
    void aDeniedAnswerReachesTheModelAndTheCallDoesNotRun() throws Exception {
        Path workspace = workspace("deny");
        String runId = runs.start(request("scenario approve", workspace, DurableRuns.Approvals.PERSON));
        String subject = waitForState(runId, "waiting_for_approval").pending().subject();

        CliProcess denied = marble("approve", runId, "--deny", "not today", "--json");
        DurableRuns.Outcome outcome = awaitRun(runId);

        assertThat(denied.exit()).as(denied.err()).isZero();
        assertThat(denied.out().strip())
                .isEqualTo("{\"run_id\":\"" + runId + "\",\"approval\":1,\"tool\":\"write_file\",\"subject\":"
                        + dev.marble.json.Json.mapper().writeValueAsString(subject)
                        + ",\"approved\":false,\"reason\":\"not today\"}");

        assertThat(outcome.ending()).isEqualTo("COMPLETED");
        assertThat(workspace.resolve("approved.txt")).doesNotExist();
        assertThat(toolResultsIn(workspace)).anyMatch(text -> text.contains("denied: not today"));
    }

    @Test
    void aCallTheRulesDenyStaysDeniedAndNoSecretReachesTheHistory() throws Exception {
        Path workspace = workspace("rules");
        Files.writeString(workspace.resolve("keep.txt"), "keep me");
        Files.writeString(workspace.resolve("secret.txt"), "the key is " + KEY + "\n");

        // --approve-all answers every question; a deny rule is no question, and a signal cannot answer it either.
        DurableRuns.Outcome outcome = runToTheEnd("scenario rules", workspace, DurableRuns.Approvals.APPROVE_ALL);

        assertThat(outcome.ending()).isEqualTo("COMPLETED");
        assertThat(workspace.resolve("keep.txt")).exists();
        assertThat(toolResults("scenario rules")).anyMatch(text -> text.startsWith("not run"));
        assertThat(toolResults("scenario rules")).noneMatch(text -> text.contains(KEY));
        String history = payloads(outcome.runId());
        // The payloads are decoded (the goal is in them, and the conversation with the file's redacted content);
        // the key, which the workers' tools read and their model calls send, is in none.
        assertThat(history).contains("scenario rules").contains("the key is ");
        assertThat(history).doesNotContain(KEY).doesNotContain(KEY.substring(KEY.length() - 20));
    }

    @Test
    void anUnknownRunIsAUsageErrorNamingIt() throws Exception {
        assertThatThrownBy(() -> runs.status("run-nosuchrun"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("no run run-nosuchrun on the Temporal server");

        CliProcess unknown = marble("approve", "run-nosuchrun");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().strip())
                .isEqualTo(
                        "marble: error: no run run-nosuchrun on the Temporal server (namespace default): check the id"
                                + " 'marble loop --engine temporal' printed");
    }

    @Test
    void anUnreachableServerIsExitEight() throws Exception {
        CliProcess nowhere = marble("approve", "run-any", "--temporal-address", "127.0.0.1:1");

        assertThat(nowhere.exit()).isEqualTo(8);
        assertThat(nowhere.err())
                .contains("cannot reach the Temporal server at 127.0.0.1:1")
                .doesNotContain(KEY);
    }

    @Test
    void marbleLoopWithTheTemporalEngineRunsOnTheWorkers() throws Exception {
        Path workspace = workspace("cli");
        Files.writeString(workspace.resolve("notes.txt"), "from the command line\n");

        CliProcess loop = marble(
                "loop",
                "--engine",
                "temporal",
                "--approve-all",
                "-m",
                "anthropic:claude-sonnet-4-6",
                "-C",
                workspace.toString(),
                "scenario tools");

        assertThat(loop.exit()).as(loop.err()).isZero();
        assertThat(loop.out().strip()).isEqualTo("Finished. TASK_COMPLETE");
        assertThat(loop.err()).containsPattern("\\[marble\\] run run-[0-9a-z]+ started on temporal: 127\\.0\\.0\\.1:");
        assertThat(Files.readString(workspace.resolve("out.txt"))).isEqualTo("done");
    }

    /** The marble command, in the project, with the server's address and no key: the workers have it. */
    private static CliProcess marble(String... args) throws Exception {
        return CliProcess.run(
                project,
                Map.of(
                        "TEMPORAL_ADDRESS",
                        server.address(),
                        "HOME",
                        project.resolve("home").toString(),
                        "XDG_CACHE_HOME",
                        Path.of(System.getProperty("user.home"), ".cache").toString()),
                args);
    }

    /** Every payload of the run's history (inputs, results, signals), decoded, one after another. */
    private static String payloads(String runId) {
        StringBuilder all = new StringBuilder();
        connection.client().streamHistory(runId).forEach(event -> collect(event, all));
        return all.toString();
    }

    private static void collect(com.google.protobuf.Message message, StringBuilder all) {
        for (var field : message.getAllFields().entrySet()) {
            List<?> values = field.getKey().isRepeated() ? (List<?>) field.getValue() : List.of(field.getValue());
            for (Object value : values) {
                if (value instanceof io.temporal.api.common.v1.Payload payload) {
                    all.append(payload.getData().toStringUtf8()).append('\n');
                } else if (value instanceof com.google.protobuf.Message nested) {
                    collect(nested, all);
                }
            }
        }
    }

    /** The scripted model: what it answers depends on the goal's scenario and how many answers came before. */
    private static FakeReply answer(SeenRequest request) {
        String goal = request.messages().getFirst().text();
        int step = answersSoFar(request);
        String scenario = goal.substring(goal.indexOf("scenario"));
        return switch (scenario + " " + step) {
            case "scenario tools 0" -> FakeReply.toolCall("read_file", "{\"path\": \"notes.txt\"}");
            case "scenario tools 1" ->
                FakeReply.toolCall("write_file", "{\"path\": \"out.txt\", \"content\": \"done\"}");
            case "scenario kill 0" ->
                FakeReply.toolCall(
                        "run_command",
                        "{\"command\": \"echo $PPID > started.txt && sleep 3 && echo slept > slept.txt\"}");
            case "scenario approve 0" ->
                FakeReply.toolCall("write_file", "{\"path\": \"approved.txt\", \"content\": \"yes\"}");
            case "scenario rules 0" -> FakeReply.toolCall("run_command", "{\"command\": \"rm -f keep.txt\"}");
            case "scenario rules 1" -> FakeReply.toolCall("read_file", "{\"path\": \"secret.txt\"}");
            default -> FakeReply.text("Finished. TASK_COMPLETE");
        };
    }

    private static int answersSoFar(SeenRequest request) {
        return (int) request.messages().stream()
                .filter(m -> m.role().equals("assistant"))
                .count();
    }

    /** Waits at most a minute, then fails with what the run's history holds. */
    private static DurableRuns.Outcome awaitRun(String runId) {
        try {
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> runs.await(runId, status -> {}))
                    .get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            String events = connection.client().fetchHistory(runId).getEvents().stream()
                    .map(event -> event.getEventType().name().replace("EVENT_TYPE_", ""))
                    .collect(Collectors.joining(", "));
            throw new AssertionError("run " + runId + " did not end: " + e + "; its history: " + events, e);
        }
    }

    private DurableRuns.Outcome runToTheEnd(String goal, Path workspace, String approvals) {
        return awaitRun(runs.start(request(goal, workspace, approvals)));
    }

    private static DurableRuns.Request request(String goal, Path workspace, String approvals) {
        return new DurableRuns.Request(
                "Work in " + workspace.getFileName() + ": " + goal,
                new DurableRuns.Agent(
                        "loop", List.of("anthropic:claude-sonnet-4-6"), "You are a test agent.", List.of(), null),
                new DurableRuns.Tools(workspace.toString(), true, List.of(), List.of(), 30),
                new DurableRuns.Limits(10, 0, 0, null, 0),
                new DurableRuns.Approvals(approvals, List.of(), false));
    }

    private static List<SeenRequest> requests(String scenario) {
        return model.requests().stream()
                .filter(r -> !r.messages().isEmpty()
                        && r.messages().getFirst().text().endsWith(scenario))
                .toList();
    }

    private static List<String> toolResults(String scenario) {
        return requests(scenario).stream()
                .flatMap(r -> r.messages().stream())
                .flatMap(m -> m.toolResults().stream())
                .map(SeenToolResult::content)
                .toList();
    }

    private static List<String> toolResultsIn(Path workspace) {
        return model.requests().stream()
                .filter(r -> !r.messages().isEmpty()
                        && r.messages().getFirst().text().startsWith("Work in " + workspace.getFileName() + ":"))
                .flatMap(r -> r.messages().stream())
                .flatMap(m -> m.toolResults().stream())
                .map(SeenToolResult::content)
                .toList();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file).strip() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static Path workspace(String name) throws IOException {
        return Files.createDirectories(project.resolve("ws-" + name));
    }

    private static void startWorker() throws IOException {
        Map<String, String> variables = new HashMap<>();
        variables.put("TEMPORAL_ADDRESS", server.address());
        variables.put("ANTHROPIC_BASE_URL", model.baseUrl());
        variables.put("ANTHROPIC_API_KEY", KEY);
        variables.put("HOME", project.resolve("home").toString());
        variables.put(
                "XDG_CACHE_HOME",
                Path.of(System.getProperty("user.home"), ".cache").toString());
        // The workers' standard error stays after the test, in target/, for a failure to be understood.
        workers.add(WorkerProcess.start(project, variables, Path.of("target", "agent-run-it-workers.log")));
    }

    private static DurableRuns.Status waitForState(String runId, String state) throws InterruptedException {
        DurableRuns.Status[] seen = new DurableRuns.Status[1];
        waitFor("run " + runId + " to be " + state, () -> {
            seen[0] = runs.status(runId);
            return seen[0].state().equals(state);
        });
        return seen[0];
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }
}
