package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.chain.state.Progress;
import dev.marble.chain.state.ProgressFile;
import dev.marble.chain.state.StateDir;
import dev.marble.json.Json;
import dev.marble.testkit.ClaudeSandbox;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.FakeReplyScript;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code marble chain start} on the real Claude Code CLI (npm {@code @anthropic-ai/claude-code}), which meets a fake
 * Anthropic server in a network namespace of its own ({@link ClaudeSandbox}). The fake plays the model: its replies
 * are tool calls that make the CLI itself read and write the handoff, the work and the status with its own Read and
 * Write tools, and then a final text. Everything else is real: the chain engine, the state files, the CLI's sessions
 * on disk and its {@code --resume}.
 */
@Timeout(240)
class RealClaudeChainTest {

    @TempDir
    Path temp;

    private CliRunner cli;
    private ClaudeSandbox sandbox;

    @BeforeAll
    static void findTheCli() {
        ClaudeSandbox.require();
    }

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.write(
                "prompts/worker.txt",
                "You are the worker, round {ROUND}. Read {HANDOFF}, do its task, report there.\n");
        cli.write(
                "prompts/reviewer.txt",
                "You are the reviewer, round {ROUND}. Review the report in {HANDOFF}; when"
                        + " the work is complete, write ALL_DONE to {STATE_DIR}/status.txt.\n");
        cli.write("chains/pair.json", """
                {"description": "a worker and its reviewer on the real Claude Code CLI", "max_rounds": 5,
                 "max_consecutive_failures": 2,
                 "links": [{"name": "worker", "model": "sonnet", "prompt": "worker", "continue": true,
                            "timeout_seconds": 90},
                           {"name": "reviewer", "role": "reviewer", "model": "sonnet", "prompt": "reviewer",
                            "timeout_seconds": 90}]}
                """);
    }

    @AfterEach
    void stop() {
        if (sandbox != null) sandbox.close();
    }

    /** The CLI runs without --bare, as llmauto's users run it: --bare offers only Bash, Edit and Read, no Write. */
    private void start(FakeReplyScript script) throws IOException {
        sandbox = ClaudeSandbox.start(temp.resolve("sandbox"), script);
        sandbox.environment(cli.home()).forEach(cli::env);
        cli.env("CLAUDECODE", "1"); // as when started from inside Claude Code: Marble must remove it
    }

    private Path home() {
        return cli.project();
    }

    private StateDir state() {
        return StateDir.of(home().resolve("state"), "pair");
    }

    private String path(String relative) {
        return home().resolve(relative).toString();
    }

    // What the model (the fake) does, link by link: read first (the CLI refuses to overwrite a file its session has
    // not read since it last changed), then write, then say what it did. Fixed call ids let the test find each
    // tool's result in the requests that follow.

    private static String write(String file, String content) {
        return Json.mapper()
                .createObjectNode()
                .put("file_path", file)
                .put("content", content)
                .toString();
    }

    private static String read(String file) {
        return Json.mapper().createObjectNode().put("file_path", file).toString();
    }

    private static String workerReport(int round) {
        return "## Role: worker\n## Round: " + round + "\nImplemented feature " + round + " in src/feature-" + round
                + ".txt.\n";
    }

    private static String review(int round) {
        return "## Role: reviewer\n## Round: " + round + "\nFeature " + round + " reviewed: "
                + (round == 2 ? "complete.\n" : "fine, continue.\n");
    }

    private List<FakeReply> worker(int round) {
        return List.of(
                FakeReply.text(null)
                        .withToolCall("toolu_w" + round + "_read", "Read", read(path("state/pair/handoff.md"))),
                FakeReply.text(null)
                        .withToolCall(
                                "toolu_w" + round + "_handoff",
                                "Write",
                                write(path("state/pair/handoff.md"), workerReport(round)))
                        .withToolCall(
                                "toolu_w" + round + "_work",
                                "Write",
                                write(path("src/feature-" + round + ".txt"), "feature " + round + "\n")),
                FakeReply.text("worker: feature " + round + " done"));
    }

    private List<FakeReply> reviewer(int round) {
        FakeReply.Answer reads = FakeReply.text(null)
                .withToolCall("toolu_r" + round + "_read", "Read", read(path("state/pair/handoff.md")));
        FakeReply.Answer writes = FakeReply.text(null)
                .withToolCall(
                        "toolu_r" + round + "_handoff", "Write", write(path("state/pair/handoff.md"), review(round)));
        if (round == 2) {
            reads = reads.withToolCall("toolu_r2_status_read", "Read", read(path("state/pair/status.txt")));
            writes =
                    writes.withToolCall("toolu_r2_status", "Write", write(path("state/pair/status.txt"), "ALL_DONE\n"));
        }
        return List.of(reads, writes, FakeReply.text("reviewer: round " + round + " reviewed"));
    }

    @Test
    void twoRoundsOfWorkerAndReviewerWithTheClisOwnToolsAndAResumedSession() throws IOException {
        List<FakeReply> replies = new ArrayList<>();
        replies.addAll(worker(1));
        replies.addAll(reviewer(1));
        replies.addAll(worker(2));
        replies.addAll(reviewer(2));
        start(new FakeReplyScript(replies, null));

        var result = cli.run("chain", "start", "pair", "--json");

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        StateDir state = state();
        // The files, as the CLI's Write tool left them.
        assertThat(Files.readString(home().resolve("src/feature-1.txt"))).isEqualTo("feature 1\n");
        assertThat(Files.readString(home().resolve("src/feature-2.txt"))).isEqualTo("feature 2\n");
        assertThat(state.handoff()).isEqualTo(review(2));
        assertThat(Files.readString(state.linkHandoffFile("worker"))).isEqualTo(workerReport(2));
        assertThat(Files.readString(state.linkHandoffFile("reviewer"))).isEqualTo(review(2));
        // The reviewer's ALL_DONE ended the chain after two full rounds.
        assertThat(state.status()).isEqualTo("ALL_DONE");
        assertThat(Files.readString(state.dir().resolve("round_counter.txt")).strip())
                .isEqualTo("2");
        assertThat(result.out()).contains("SHUTDOWN: ALL_TASKS_DONE");
        Progress progress = new ProgressFile(state).read();
        assertThat(progress.round()).isEqualTo(2);
        assertThat(progress.inFlight()).isNull();
        assertThat(progress.consecutiveFailures()).isZero();
        assertThat(cli.run("chain", "status", "pair").out())
                .contains("Status:  ALL_DONE")
                .contains("Round:   2 / 5");

        List<JsonNode> requests = answered(sandbox.requests());
        assertThat(requests).as("3 model calls per link run, 4 link runs").hasSize(12);
        // Every write was done by the CLI's tool, and reported back to the model as done.
        for (String id : List.of(
                "toolu_w1_handoff",
                "toolu_w1_work",
                "toolu_r1_handoff",
                "toolu_w2_handoff",
                "toolu_w2_work",
                "toolu_r2_handoff",
                "toolu_r2_status")) {
            JsonNode toolResult = toolResult(requests, id);
            assertThat(toolResult.path("is_error").asBoolean(false))
                    .as(id + ": " + toolResult)
                    .isFalse();
        }

        // The worker's second run resumed its session: the same id, and the model saw round 1 again.
        List<String> sessions =
                requests.stream().map(RealClaudeChainTest::sessionOf).toList();
        String workerSession = progress.sessions().get("worker").sessionId();
        assertThat(sessions.subList(0, 3)).containsOnly(workerSession);
        assertThat(sessions.subList(6, 9)).containsOnly(workerSession);
        assertThat(sessions.get(3))
                .as("the reviewer starts a session each round")
                .isNotEqualTo(workerSession)
                .isNotEqualTo(sessions.get(9));
        String workerRound2 = requests.get(6).path("body").path("messages").toString();
        assertThat(workerRound2)
                .contains("You are the worker, round 1.")
                .contains("worker: feature 1 done")
                .contains("toolu_w1_handoff")
                .contains("You are the worker, round 2.");
        assertThat(requests.get(9).path("body").path("messages").toString()).doesNotContain("round 1");

        // Cost: what the CLI reported for each run. Every run made the same three calls with the same usage, so each
        // costs the same; a resumed run that reported its whole session's cost would count round 1 twice.
        List<BigDecimal> linkCosts = events(result.out(), "link_finished").stream()
                .map(event -> event.path("cost_usd").decimalValue())
                .toList();
        assertThat(linkCosts).hasSize(4);
        assertThat(linkCosts.getFirst()).isPositive();
        assertThat(linkCosts).allSatisfy(cost -> assertThat(cost).isEqualByComparingTo(linkCosts.getFirst()));
        assertThat(progress.costUsd())
                .isEqualByComparingTo(linkCosts.stream().reduce(BigDecimal.ZERO, BigDecimal::add));

        assertThat(result.out() + result.err() + Files.readString(home().resolve("logs/pair.log")))
                .doesNotContain(ClaudeSandbox.API_KEY);
    }

    @Test
    void anApiOutageFailsEveryLinkAndStopsTheChainAfterMaxConsecutiveFailures() throws IOException {
        start(FakeReplyScript.of().thenAlways(FakeReply.error(500, "api_error", "Internal server error")));
        cli.env("CLAUDE_CODE_MAX_RETRIES", "1"); // the CLI's own retries; its default (10) takes 3 minutes a link
        long began = System.nanoTime();

        var result = cli.run("chain", "start", "pair");

        assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(ExitCodes.MODEL_FAILED);
        assertThat(result.out())
                .contains("worker: FAILED")
                .contains("reviewer: FAILED")
                .contains("claude reported an error (API status 500)")
                .contains("SHUTDOWN: MAX_FAILURES: 2/2");
        assertThat(state().status()).isEqualTo("STOPPED");
        assertThat(state().lastShutdown())
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("MAX_FAILURES"));
        assertThat(state().round()).isEqualTo(1);
        List<JsonNode> calls = answered(sandbox.requests());
        assertThat(calls).as("two links, each a call and the CLI's one retry").hasSize(4);
        assertThat((System.nanoTime() - began) / 1e9).isLessThan(60);
    }

    @Test
    void aContinueLinkWhoseFirstRunFailedStartsAFreshSessionNextRound() throws IOException {
        // The failed run leaves its transcript under the session id, and the CLI refuses a second --session-id with
        // it ("Session ID … is already in use"): reusing the id would fail the link in every later round.
        List<FakeReply> replies = new ArrayList<>();
        FakeReply outage = FakeReply.error(500, "api_error", "Internal server error");
        replies.addAll(List.of(outage, outage)); // worker, round 1: a call and the CLI's one retry
        replies.addAll(reviewer(1));
        replies.addAll(worker(2));
        replies.addAll(reviewer(2));
        start(new FakeReplyScript(replies, null));
        cli.env("CLAUDE_CODE_MAX_RETRIES", "1");

        var result = cli.run("chain", "start", "pair");

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(result.out())
                .contains("worker: FAILED")
                .doesNotContain("already in use")
                .contains("SHUTDOWN: ALL_TASKS_DONE");
        assertThat(Files.readString(home().resolve("src/feature-2.txt"))).isEqualTo("feature 2\n");
        List<JsonNode> requests = answered(sandbox.requests());
        String failedSession = sessionOf(requests.getFirst());
        Progress.LinkSession kept = new ProgressFile(state()).read().sessions().get("worker");
        assertThat(kept.started()).isTrue();
        assertThat(kept.sessionId()).isNotEqualTo(failedSession).isEqualTo(sessionOf(requests.get(5)));
    }

    /**
     * The requests the fake answered. The CLI's first call of every run carries a {@code system} role inside
     * {@code messages}, which the API (and the fake) refuse with a 400; the CLI then sends it again without.
     */
    private static List<JsonNode> answered(List<JsonNode> requests) {
        return requests.stream()
                .filter(request -> {
                    for (JsonNode message : request.path("body").path("messages")) {
                        if (!message.path("role").asString().equals("user")
                                && !message.path("role").asString().equals("assistant")) {
                            return false;
                        }
                    }
                    return true;
                })
                .toList();
    }

    private static JsonNode toolResult(List<JsonNode> requests, String toolUseId) {
        for (JsonNode request : requests) {
            for (JsonNode message : request.path("body").path("messages")) {
                for (JsonNode block : message.path("content")) {
                    if ("tool_result".equals(block.path("type").asString())
                            && toolUseId.equals(block.path("tool_use_id").asString())) {
                        return block;
                    }
                }
            }
        }
        throw new AssertionError("no request carries the result of " + toolUseId);
    }

    /** The CLI names its session in every request's metadata. */
    private static String sessionOf(JsonNode request) {
        return Json.parse(request.path("body").path("metadata").path("user_id").asString())
                .path("session_id")
                .asString();
    }

    private static List<JsonNode> events(String jsonLines, String type) {
        return jsonLines
                .lines()
                .filter(line -> line.startsWith("{"))
                .map(Json::parse)
                .filter(event -> type.equals(event.path("type").asString()))
                .toList();
    }
}
