package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.chain.state.ChainLock;
import dev.marble.chain.state.StateDir;
import dev.marble.json.Json;
import dev.marble.testkit.FakeTelegramServer;
import dev.marble.testkit.StandInClaude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * marble chain, in-process, with llmauto's behaviour as acceptance cases (SEEDS-SPEC 1.16): the real engine, real
 * state files, and a stand-in {@code claude} whose "agent" is a bash command that writes what a link would write.
 */
class ChainCommandTest {

    @TempDir
    Path temp;

    private CliRunner cli;
    private Path ledger;
    private Path claudeLog;

    /** Prompt texts name the link, so the agent script can act per link; every run is appended to the ledger. */
    private static final String AGENT = """
            prompt=$STANDIN_CLAUDE_PROMPT
            echo "${prompt%%$'\\n'*}" >> "$LEDGER"
            [[ -n ${AGENT_EXTRA-} ]] && eval "$AGENT_EXTRA"
            echo "did: ${prompt%%$'\\n'*}"
            """;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        StandInClaude claude = StandInClaude.install(temp.resolve("bin"));
        ledger = temp.resolve("ledger.txt");
        claudeLog = temp.resolve("claude.jsonl");
        Path agent = Files.writeString(temp.resolve("agent.sh"), AGENT);
        cli.env("PATH", claude.directory() + ":/usr/bin:/bin")
                .env("LEDGER", ledger.toString())
                .env("STANDIN_CLAUDE_LOG", claudeLog.toString())
                .env("STANDIN_CLAUDE_AGENT", "bash " + agent)
                .env("CLAUDECODE", "1");
    }

    private void chain(String name, String json) throws IOException {
        cli.write("chains/" + name + ".json", json);
    }

    private static String threeLinks(String extra) {
        return """
                {"description": "three links", "max_rounds": %s,
                 "links": [{"name": "worker", "model": "sonnet", "prompt": "worker {ROUND}"},
                           {"name": "reviewer", "role": "reviewer", "model": "opus", "prompt": "reviewer {ROUND}"},
                           {"name": "controller", "role": "controller", "model": "haiku", "prompt": "controller {ROUND}"}]}
                """.formatted(extra);
    }

    private List<String> ledgerLines() throws IOException {
        return Files.exists(ledger) ? Files.readAllLines(ledger) : List.of();
    }

    private StateDir state(String chain) {
        return StateDir.of(cli.project().resolve("state"), chain);
    }

    @Test
    void runsRoundsOfLinksInOrderUntilMaxRoundsAndKeepsLlmautosStateFiles() throws IOException {
        chain("c", threeLinks("2"));
        var result = cli.run("chain", "start", "c");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(ledgerLines())
                .containsExactly("worker 1", "reviewer 1", "controller 1", "worker 2", "reviewer 2", "controller 2");
        StateDir state = state("c");
        assertThat(state.status()).isEqualTo("STOPPED");
        assertThat(state.round()).isEqualTo(2);
        assertThat(Files.readString(state.dir().resolve("round_counter.txt")).strip())
                .isEqualTo("2");
        assertThat(state.dir().resolve("start_time.txt")).exists();
        assertThat(state.dir().resolve("handoff_worker.md")).exists();
        assertThat(state.lastShutdown()).hasValueSatisfying(r -> assertThat(r).contains("MAX_ROUNDS: 2/2"));
        assertThat(result.out()).contains("SHUTDOWN: MAX_ROUNDS: 2/2");
        assertThat(Files.readString(cli.project().resolve("logs/c.log")))
                .contains("worker (worker): start claude-code:sonnet")
                .contains("ROUND 2 COMPLETE");
        assertThat(Files.readString(cli.project().resolve("logs/c_reviewer.log")))
                .contains("did: reviewer 2");
    }

    @Test
    void theClaudeCommandLineIsLlmautosWithMarblesSessionAndOutput() throws IOException {
        chain("c", threeLinks("1"));
        cli.run("chain", "start", "c");

        List<JsonNode> runs =
                Files.readAllLines(claudeLog).stream().map(Json::parse).toList();
        assertThat(runs).hasSize(3);
        List<String> argv = runs.getFirst()
                .path("argv")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
        assertThat(argv)
                .containsSubsequence("--model", "sonnet", "-p", "worker 1")
                .containsSubsequence("--permission-mode", "dontAsk")
                .containsSubsequence("--allowedTools", "Read,Edit,Write,Bash,Glob,Grep")
                .contains("--session-id", "--output-format", "stream-json");
        assertThat(runs.getFirst().path("claudecode").asBoolean())
                .as("CLAUDECODE removed")
                .isFalse();
        assertThat(runs.getFirst().path("cwd").asString())
                .isEqualTo(cli.project().toString());
    }

    @Test
    void perChainDefaultsAreHonoured() throws IOException {
        chain("c", """
                {"max_rounds": 1, "defaults": {"model": "opus", "permission_mode": "acceptEdits",
                  "allowed_tools": ["Read", "Write"]},
                 "links": [{"name": "only", "prompt": "only {ROUND}"}]}
                """);
        assertThat(cli.run("chain", "start", "c").exit()).isZero();
        List<String> argv = Json.parse(Files.readAllLines(claudeLog).getFirst())
                .path("argv")
                .valueStream()
                .map(JsonNode::asString)
                .toList();
        assertThat(argv)
                .containsSubsequence("--model", "opus")
                .containsSubsequence("--permission-mode", "acceptEdits")
                .containsSubsequence("--allowedTools", "Read,Write");
    }

    @Test
    void allDoneStopsMidRoundAndStaysAllDone() throws IOException {
        chain("c", threeLinks("10"));
        cli.env("AGENT_EXTRA", "[[ $prompt == worker* ]] && echo ALL_DONE > state/c/status.txt");
        var result = cli.run("chain", "start", "c");

        assertThat(result.exit()).isZero();
        assertThat(ledgerLines()).containsExactly("worker 1");
        assertThat(state("c").status()).isEqualTo("ALL_DONE");
        assertThat(result.out()).contains("SHUTDOWN: ALL_TASKS_DONE");
    }

    @Test
    void anAgentWritingStoppedStopsTheChainAndOtherWordsAreCorrected() throws IOException {
        chain("c", threeLinks("10"));
        cli.env(
                "AGENT_EXTRA",
                "[[ $prompt == worker* ]] && echo APPROVED > state/c/status.txt;"
                        + " [[ $prompt == reviewer* ]] && echo STOPPED > state/c/status.txt; true");
        var result = cli.run("chain", "start", "c");

        assertThat(ledgerLines()).containsExactly("worker 1", "reviewer 1");
        assertThat(result.out()).contains("STATUS CORRECTION: 'APPROVED' -> 'RUNNING'");
        assertThat(state("c").status()).isEqualTo("STOPPED");
    }

    @Test
    void stopIsAOneShotRequest() throws IOException {
        chain("c", threeLinks("1"));
        var stop = cli.run("chain", "stop", "c", "going", "home");
        assertThat(stop.exit()).isZero();
        assertThat(stop.out()).contains("is not running");

        var first = cli.run("chain", "start", "c");
        assertThat(first.out()).contains("SHUTDOWN: MANUAL_STOP: going home");
        assertThat(ledgerLines()).isEmpty();

        var second = cli.run("chain", "start", "c");
        assertThat(second.exit()).isZero();
        assertThat(ledgerLines()).hasSize(3);
        assertThat(cli.run("chain", "status", "c").out()).contains("Last stop: MAX_ROUNDS: 1/1");
    }

    @Test
    void consecutiveBlockedLinesInTheHandoffStopTheChain() throws IOException {
        chain("c", threeLinks("10").replace("\"max_rounds\"", "\"max_consecutive_blocks\": 2, \"max_rounds\""));
        cli.env("AGENT_EXTRA", "printf 'report\\nBLOCKED: no access\\n\\nstill blocked\\n' > state/c/handoff.md");
        var result = cli.run("chain", "start", "c");

        assertThat(ledgerLines()).containsExactly("worker 1");
        assertThat(result.out()).contains("SHUTDOWN: MAX_BLOCKS: 2");
    }

    @Test
    void skipProtectionRestoresTheReportThatAShortSkipNoteReplaced() throws IOException {
        chain("c", threeLinks("1"));
        String report = "## Role: worker\n" + "A long and careful report. ".repeat(30) + "\n";
        cli.env(
                        "AGENT_EXTRA",
                        "[[ $prompt == worker* ]] && printf '%s' \"$REPORT\" > state/c/handoff.md;"
                                + " [[ $prompt == reviewer* ]] && echo 'SKIPPED: not assigned' > "
                                + "state/c/handoff.md; true")
                .env("REPORT", report);
        var result = cli.run("chain", "start", "c");

        assertThat(result.out()).contains("SKIP PROTECTION: reviewer");
        assertThat(state("c").handoff()).isEqualTo(report);
        assertThat(Files.readString(state("c").dir().resolve("handoff_reviewer.md")))
                .contains("SKIPPED: not assigned");
    }

    @Test
    void linksNotAssignedInTheHandoffAreSkippedWithoutCallingAModel() throws IOException {
        chain("c", """
                {"max_rounds": 1, "links": [
                  {"name": "controller", "model": "opus", "prompt": "controller {ROUND}"},
                  {"name": "opus-worker", "model": "opus", "prompt": "opus-worker {ROUND}", "skip_unless_assigned": true},
                  {"name": "sonnet-worker", "model": "sonnet", "prompt": "sonnet-worker {ROUND}", "skip_unless_assigned": true}]}
                """);
        cli.env(
                "AGENT_EXTRA",
                "[[ $prompt == controller* ]] && printf '## Task: x\\nASSIGNED: sonnet-worker\\n' > "
                        + "state/c/handoff.md; true");
        var result = cli.run("chain", "start", "c");

        assertThat(result.exit()).isZero();
        assertThat(ledgerLines()).containsExactly("controller 1", "sonnet-worker 1");
        assertThat(result.out()).contains("opus-worker: SKIPPED (the handoff assigns sonnet-worker)");
    }

    @Test
    void continueModeKeepsOneSessionPerLinkUntilReset() throws IOException {
        chain("c", """
                {"max_rounds": 2, "links": [{"name": "ctl", "model": "opus", "prompt": "ctl {ROUND}", "continue": true}]}
                """);
        cli.run("chain", "start", "c");
        List<List<String>> argvs = argvs();
        assertThat(argvs).hasSize(2);
        String session = after(argvs.get(0), "--session-id");
        assertThat(after(argvs.get(1), "--resume")).isEqualTo(session);
        assertThat(argvs.get(1)).doesNotContain("--session-id");

        assertThat(cli.run("chain", "reset", "c").exit()).isZero();
        cli.run("chain", "start", "c");
        assertThat(after(argvs().get(2), "--session-id")).isNotEqualTo(session);
    }

    @Test
    void aContinueLinkLlmautoRanContinuesItsConversationThereOnceThenMarblesOwnSessionTakesOver() throws IOException {
        chain("c", """
                {"max_rounds": 2, "links": [{"name": "ctl", "model": "opus", "prompt": "ctl {ROUND}", "continue": true},
                                            {"name": "w", "model": "sonnet", "prompt": "w {ROUND}"}]}
                """);
        // What llmauto leaves of a continue link that ran: its folder, with the marker of a conversation in it.
        Path workspace = Files.createDirectories(cli.project().resolve("state/c/ctl-workspace"));
        Files.writeString(workspace.resolve(".session_marker"), "");

        var result = cli.run("chain", "start", "c");

        assertThat(result.exit()).as(result.err()).isZero();
        List<JsonNode> runs =
                Files.readAllLines(claudeLog).stream().map(Json::parse).toList();
        List<List<String>> argvs = argvs();
        assertThat(argvs).hasSize(4);
        // Round 1: the conversation of llmauto's folder, continued there as a copy under Marble's own id.
        assertThat(argvs.get(0)).contains("--continue", "--fork-session").doesNotContain("--resume");
        String session = after(argvs.get(0), "--session-id");
        assertThat(runs.get(0).path("cwd").asString())
                .isEqualTo(workspace.toRealPath().toString());
        assertThat(result.out())
                .contains("ctl (worker): CONTINUE claude-code:opus (llmauto's conversation in " + "ctl-workspace)");
        // Round 2: Marble's session, resumed by id in the same folder (the CLI keeps it there); --continue never again.
        assertThat(after(argvs.get(2), "--resume")).isEqualTo(session);
        assertThat(argvs.get(2)).doesNotContain("--continue", "--fork-session", "--session-id");
        assertThat(runs.get(2).path("cwd").asString())
                .isEqualTo(workspace.toRealPath().toString());
        // Other links run where they always do.
        assertThat(argvs.get(1)).doesNotContain("--continue");
        assertThat(runs.get(1).path("cwd").asString())
                .isEqualTo(cli.project().toRealPath().toString());

        // A reset starts fresh: no marker, so no llmauto conversation to continue.
        assertThat(cli.run("chain", "reset", "c").exit()).isZero();
        assertThat(workspace.resolve(".session_marker")).doesNotExist();
        cli.run("chain", "start", "c");
        assertThat(argvs().get(4)).doesNotContain("--continue", "--fork-session", "--resume");
        assertThat(after(argvs().get(4), "--session-id")).isNotEqualTo(session);
    }

    @Test
    void failingLinksStopTheChainAfterThreeInARowWithoutSleeping() throws IOException {
        chain("c", threeLinks("100"));
        cli.env("STANDIN_CLAUDE_EXIT", "3");
        long start = System.nanoTime();
        var result = cli.run("chain", "start", "c");

        assertThat(result.exit()).isEqualTo(ExitCodes.MODEL_FAILED);
        assertThat(result.out()).contains("worker: FAILED").contains("SHUTDOWN: MAX_FAILURES: 3");
        assertThat(state("c").status()).isEqualTo("STOPPED");
        assertThat(ledgerLines()).hasSize(3);
        assertThat((System.nanoTime() - start) / 1e9)
                .as("no fixed 30 s back-off")
                .isLessThan(30);

        cli.env("STANDIN_CLAUDE_EXIT", null);
        var again = cli.run("chain", "start", "c");
        assertThat(again.out())
                .as("a start after the cause is fixed counts afresh")
                .contains("counting afresh")
                .contains("worker: OK");
    }

    @Test
    void aMissingClaudeCliFailsFastInsteadOfSpinningThroughEveryRound() throws IOException {
        chain("c", threeLinks("100"));
        cli.env("PATH", "/nonexistent");
        var result = cli.run("chain", "start", "c");

        assertThat(result.exit()).isEqualTo(ExitCodes.MODEL_FAILED);
        assertThat(result.out()).contains("was not found on PATH").contains("SHUTDOWN: MAX_FAILURES: 3");
        assertThat(result.out().lines().filter(line -> line.contains(": FAILED")))
                .hasSize(3);
        assertThat(state("c").round())
                .as("one round of three failed links, not a hundred")
                .isEqualTo(1);
    }

    @Test
    void aLinkPastItsTimeoutIsKilledAndCountsAsAFailure() throws IOException {
        chain("c", """
                {"max_rounds": 5, "max_consecutive_failures": 1,
                 "links": [{"name": "slow", "model": "opus", "prompt": "slow {ROUND}", "timeout_seconds": 1}]}
                """);
        cli.env("STANDIN_CLAUDE_SLEEP", "30");
        long start = System.nanoTime();
        var result = cli.run("chain", "start", "c");

        assertThat(result.out())
                .contains("slow: FAILED")
                .contains("claude gave no result within 1.0 s")
                .contains("SHUTDOWN: MAX_FAILURES: 1");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(20);
    }

    @Test
    void onceModeCompletesAfterOneRound() throws IOException {
        chain("c", threeLinks("100").replace("\"max_rounds\"", "\"mode\": \"once\", \"max_rounds\""));
        var result = cli.run("chain", "start", "c");

        assertThat(result.exit()).isZero();
        assertThat(ledgerLines()).hasSize(3);
        assertThat(state("c").status()).isEqualTo("COMPLETED");
    }

    @Test
    void aSecondStartOfARunningChainIsRefused() throws IOException {
        chain("c", threeLinks("1"));
        try (ChainLock held = ChainLock.acquire(state("c"))) {
            var result = cli.run("chain", "start", "c");
            assertThat(result.exit()).isEqualTo(ExitCodes.BUSY);
            assertThat(result.err()).contains("already running");
        }
        assertThat(ledgerLines()).isEmpty();
    }

    @Test
    void aMalformedChainFileIsOneLineWithItsLocationAndWritesNoState() throws IOException {
        chain("bad", """
                {"max_rounds": "many",
                 "links": [{"name": "w", "prompt": "x"}]}
                """);
        var result = cli.run("chain", "start", "bad");

        assertThat(result.exit())
                .as("a malformed definition file is exit 3, as a malformed worker is")
                .isEqualTo(ExitCodes.CONFIG);
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.err()).contains("bad.json:1:").contains("max_rounds");
        assertThat(cli.project().resolve("state")).doesNotExist();
    }

    @Test
    void anUnknownToolSetIsRefusedBeforeTheFirstLinkRuns() throws IOException {
        chain("c", """
                {"links": [{"name": "w", "model": "scripted:r.yaml", "prompt": "w", "tools": ["files", "browser"]}]}
                """);
        var result = cli.run("chain", "start", "c");

        assertThat(result.exit())
                .as("an unknown name inside a chain file makes the file malformed")
                .isEqualTo(ExitCodes.CONFIG);
        assertThat(result.err())
                .contains("c.json:1:")
                .contains("links[0].tools")
                .contains("'browser' is not a tool set");
        assertThat(cli.project().resolve("state")).doesNotExist();
    }

    @Test
    void aMarbleProviderLinkMayDoOnlyWhatAllowedToolsAllow() throws IOException {
        cli.write("r.yaml", """
                - tool_calls: [{name: write_file, arguments: {path: notes.txt, content: "x"}}]
                - tool_calls: [{name: run_command, arguments: {command: "touch ran.txt"}}]
                - text: done
                """);
        chain("c", """
                {"max_rounds": 1, "defaults": {"model": "scripted:r.yaml", "allowed_tools": ["Read", "Write"]},
                 "links": [{"name": "w", "prompt": "Write the notes."}]}
                """);
        var result = cli.run("chain", "start", "c");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(cli.project().resolve("notes.txt")).exists();
        assertThat(cli.project().resolve("ran.txt"))
                .as("Bash is not in allowed_tools")
                .doesNotExist();
        assertThat(result.out()).contains("w: OK");
    }

    @Test
    void statusAndListReadWithoutCreatingState() throws IOException {
        chain("c", threeLinks("1"));
        assertThat(cli.run("chain", "status", "c").out()).contains("never started");
        assertThat(cli.project().resolve("state")).doesNotExist();

        assertThat(cli.run("chain", "list").out()).contains("c").contains("3 links");
        cli.run("chain", "start", "c");
        assertThat(cli.run("chain", "status").out())
                .contains("=== c ===")
                .contains("Round:   1 / 1")
                .contains("Status:  STOPPED");
    }

    @Test
    void telegramHearsOfLinksThatAskAndOfTheShutdownWithoutTheTokenInAnyLog() throws IOException {
        String token = "123456:ABC-secret-bot-token";
        try (FakeTelegramServer telegram = FakeTelegramServer.start(token)) {
            cli.write("marble.json", """
                    {"telegram": {"enabled": true, "chat_id": "4711", "api_base": "%s"}}
                    """.formatted(telegram.baseUrl()));
            cli.env("LLMAUTO_TELEGRAM_BOT_TOKEN", token);
            chain(
                    "c",
                    threeLinks("1")
                            .replace(
                                    "\"prompt\": \"reviewer {ROUND}\"",
                                    "\"prompt\": \"reviewer {ROUND}\", \"telegram_update\": true"));
            var result = cli.run("chain", "start", "c");

            assertThat(result.exit()).as(result.err()).isZero();
            List<String> texts = telegram.messages().stream()
                    .map(FakeTelegramServer.SentMessage::text)
                    .toList();
            assertThat(texts).hasSize(2);
            assertThat(texts.get(0)).startsWith("marble [c]").contains("reviewer");
            assertThat(texts.get(1)).contains("MAX_ROUNDS: 1/1");
            assertThat(telegram.messages())
                    .allSatisfy(m -> assertThat(m.chatId()).isEqualTo("4711"));
            assertThat(result.out()
                            + result.err()
                            + Files.readString(cli.project().resolve("logs/c.log")))
                    .doesNotContain(token);
        }
    }

    @Test
    void jsonPrintsTheChainsEventsAndTheJournalKeepsTheRun() throws IOException {
        chain("c", threeLinks("1"));
        var result = cli.run("chain", "start", "--json", "c");

        assertThat(result.exit()).isZero();
        List<String> types = result.out()
                .lines()
                .map(line -> Json.parse(line).path("type").asString())
                .toList();
        assertThat(types).contains("run_started", "chain_note", "link_started", "link_finished", "run_finished");
        assertThat(types.stream().filter("link_finished"::equals)).hasSize(3);
        var runs = cli.run("logs", "--runs");
        assertThat(runs.out()).contains("chain").contains("max_rounds");
    }

    @Test
    void aBackgroundChainRunsDetachedAndStopNowInterruptsItsLink() throws Exception {
        chain("c", threeLinks("5"));
        cli.env("STANDIN_CLAUDE_SLEEP", "30");
        var started = cli.run("chain", "start", "--bg", "c");
        assertThat(started.exit()).as(started.err()).isZero();
        assertThat(started.out()).contains("started in the background (pid").contains("marble chain stop c");

        StateDir state = state("c");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!cli.run("chain", "status", "c").out().contains("running, pid") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        while (!Files.exists(ledger) && System.nanoTime() < deadline) Thread.sleep(100);
        assertThat(cli.run("chain", "status", "c").out())
                .contains("(running, pid")
                .contains("In flight: worker");

        var stop = cli.run("chain", "stop", "--now", "c");
        assertThat(stop.out()).contains("interrupting the running link now");
        while (ChainProcess.runningPid(state).isPresent() && System.nanoTime() < deadline) Thread.sleep(100);
        assertThat(ChainProcess.runningPid(state))
                .as("the background chain ended")
                .isEmpty();
        assertThat(Files.readString(cli.project().resolve("logs/c.log")))
                .contains("worker: INTERRUPTED")
                .contains("STOPPED (interrupted)");
        assertThat(state.status()).isEqualTo("STOPPED");
        assertThat(cli.run("chain", "status", "c").out()).contains("did not finish; the next start runs it again");
    }

    private List<List<String>> argvs() throws IOException {
        return Files.readAllLines(claudeLog).stream()
                .map(line -> Json.parse(line)
                        .path("argv")
                        .valueStream()
                        .map(JsonNode::asString)
                        .toList())
                .toList();
    }

    private static String after(List<String> argv, String flag) {
        int at = argv.indexOf(flag);
        assertThat(at).as(flag + " in " + argv).isNotNegative();
        return argv.get(at + 1);
    }
}
