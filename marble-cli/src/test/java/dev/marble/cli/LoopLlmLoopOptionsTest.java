package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** llm-loop's command line in marble loop: -T, -n/--no-log, --log, -d, LLM_LOOP_SYSTEM_PROMPT, bare Claude ids. */
class LoopLlmLoopOptionsTest {

    private static final String KEY = "sk-ant-test-llmloop-0123456789";

    @TempDir
    Path temp;

    private CliRunner cli;
    private FakeAnthropicServer anthropic;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.write("done.yaml", "- {text: \"Nothing to do. TASK_COMPLETE\"}\n");
        anthropic = FakeAnthropicServer.start();
        cli.env("ANTHROPIC_BASE_URL", anthropic.baseUrl());
    }

    @AfterEach
    void tearDown() {
        anthropic.close();
    }

    @Test
    void toolNamesFromLlmLoopAreAcceptedAndAnUnknownOneIsAOneLineError() {
        var known = cli.run(
                "loop", "--headless", "-T", "read_file", "-T", "create_directory", "-m", "scripted:done.yaml", "Look");
        assertThat(known.exit()).as(known.err()).isZero();

        var unknown = cli.run("loop", "--headless", "-T", "llm_time", "-m", "scripted:done.yaml", "Look");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().strip())
                .startsWith("marble: error: -T llm_time: marble loop has no tool of that name; the tools are: ")
                .contains("read_file, write_file")
                .doesNotContain("\n");
    }

    @Test
    void noLogKeepsTheRunOutOfTheJournalAndDatabasePutsItElsewhere() {
        var unlogged = cli.run("loop", "--headless", "-n", "-m", "scripted:done.yaml", "Look");
        assertThat(unlogged.exit()).isZero();
        assertThat(cli.project().resolve(".marble/journal.db")).doesNotExist();

        var elsewhere = cli.run("loop", "--headless", "-d", "logs/loop.db", "-m", "scripted:done.yaml", "Look");
        assertThat(elsewhere.exit()).isZero();
        assertThat(cli.project().resolve("logs/loop.db")).isNotEmptyFile();
        assertThat(cli.project().resolve(".marble/journal.db")).doesNotExist();

        var logged = cli.run("loop", "--headless", "--log", "-m", "scripted:done.yaml", "Look");
        assertThat(logged.exit()).isZero();
        assertThat(cli.project().resolve(".marble/journal.db")).isNotEmptyFile();
        assertThat(cli.run("logs", "--runs").out()).contains("\"Look\"");

        var both = cli.run("loop", "-n", "-d", "x.db", "-m", "scripted:done.yaml", "Look");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("--no-log and --database contradict each other");
    }

    @Test
    void theSystemPromptVariableReplacesTheWholePromptAsSystemDoes() {
        anthropic.enqueue(FakeReply.text("Done. TASK_COMPLETE"), FakeReply.text("Done. TASK_COMPLETE"));
        cli.env("ANTHROPIC_API_KEY", KEY).env("LLM_LOOP_SYSTEM_PROMPT", "You are terse.");
        var fromVariable = cli.run("loop", "--headless", "-m", "anthropic:claude-test", "Look");
        assertThat(fromVariable.exit()).as(fromVariable.err()).isZero();
        assertThat(anthropic.lastRequest().system()).isEqualTo("You are terse.");

        var flagWins = cli.run("loop", "--headless", "-s", "You are the flag.", "-m", "anthropic:claude-test", "Look");
        assertThat(flagWins.exit()).isZero();
        assertThat(anthropic.lastRequest().system()).isEqualTo("You are the flag.");
    }

    @Test
    void aBareClaudeIdUsesTheAnthropicApiWhenItsKeyIsSet() {
        anthropic.requireApiKey(KEY).enqueue(FakeReply.text("Hello. TASK_COMPLETE"));
        var result =
                cli.env("ANTHROPIC_API_KEY", KEY).run("loop", "--headless", "-m", "claude-3-5-sonnet-latest", "Hi");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err()).contains("model: anthropic:claude-3-5-sonnet-latest");
        assertThat(anthropic.lastRequest().body().path("model").asString()).isEqualTo("claude-3-5-sonnet-latest");
        assertThat(anthropic.lastRequest().body().path("tools").size()).isPositive();
    }

    @Test
    void aBareClaudeIdWithoutAKeyFailsNamingTheFlag() {
        var result = cli.env("LLM_MODEL", "claude-3-5-sonnet-latest").run("loop", "--headless", "Hi");
        assertThat(result.exit()).isEqualTo(4);
        assertThat(result.err().strip())
                .isEqualTo("marble: error: -m claude-3-5-sonnet-latest: marble loop sends its tools to the model,"
                        + " which the Claude Code CLI cannot take, so a Claude id means the Anthropic API here, and"
                        + " ANTHROPIC_API_KEY is not set; set it, or add --key KEY (the model is then"
                        + " anthropic:claude-3-5-sonnet-latest)");
        assertThat(anthropic.requestCount()).isZero();
    }

    @Test
    void aKeyForAModelThatTakesNoneIsAUsageError() {
        var result = cli.run("loop", "--key", KEY, "-m", "scripted:done.yaml", "Look");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err())
                .contains("--key: the model scripted:done.yaml takes no API key")
                .doesNotContain(KEY);
    }

    @Test
    void theExportIsLlmLoopsArrayWhenTheNameOrTheFormatAsksForIt() throws IOException {
        cli.write("look.yaml", """
                - text: Looking.
                  tool_calls: [{name: list_directory, arguments: {path: .}}]
                - text: "Two files. TASK_COMPLETE"
                """);
        var named = cli.run(
                "loop",
                "--headless",
                "-m",
                "scripted:look.yaml",
                "--export-conversation",
                "run.llm-loop.json",
                "Look around");
        assertThat(named.exit()).as(named.err()).isZero();
        String text = Files.readString(cli.project().resolve("run.llm-loop.json"));
        assertThat(text).startsWith("[ {\n  \"prompt\" : \"Look around\"");
        JsonNode array = Json.parse(text);
        assertThat(array).hasSize(2);
        assertThat(array.get(0).path("response").asString()).isEqualTo("Looking.");
        JsonNode call = array.get(0).path("tool_calls").get(0);
        assertThat(call.path("name").asString()).isEqualTo("list_directory");
        assertThat(call.path("arguments").path("path").asString()).isEqualTo(".");
        assertThat(call.path("tool_call_id").asString()).isNotEmpty();
        assertThat(array.get(1).path("prompt").asString()).isEmpty();
        assertThat(array.get(1).path("response").asString()).isEqualTo("Two files. TASK_COMPLETE");
        assertThat(array.get(1).path("tool_calls")).isEmpty();
        assertThat(array.get(1).properties())
                .extracting(e -> e.getKey())
                .containsExactly("prompt", "response", "tool_calls");

        var flagged = cli.run(
                "loop",
                "--headless",
                "-m",
                "scripted:look.yaml",
                "--export-format",
                "llm-loop",
                "--export-conversation",
                "out.json",
                "Look around");
        assertThat(flagged.exit()).isZero();
        assertThat(Json.parse(Files.readString(cli.project().resolve("out.json"))))
                .isEqualTo(array);

        var marble = cli.run(
                "loop", "--headless", "-m", "scripted:look.yaml", "--export-conversation", "m.json", "Look around");
        assertThat(marble.exit()).isZero();
        assertThat(Json.parse(Files.readString(cli.project().resolve("m.json")))
                        .path("format")
                        .asString())
                .isEqualTo("marble-conversation");

        // What Marble wrote in llm-loop's format, Marble reads back.
        cli.write("more.yaml", "- {text: \"Still two. TASK_COMPLETE\"}\n");
        var again = cli.run(
                "loop",
                "--headless",
                "-m",
                "scripted:more.yaml",
                "--import-conversation",
                "run.llm-loop.json",
                "Look again");
        assertThat(again.exit()).as(again.err()).isZero();

        var bad = cli.run(
                "loop", "-m", "scripted:look.yaml", "--export-format", "csv", "--export-conversation", "x.csv", "Look");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--export-format csv: expected marble or llm-loop");
    }

    @Test
    void llmLoopsToolNamesWorkAndPassTheSameRules() throws IOException {
        cli.write("marble.json", "{\"approvals\": {\"deny\": [\"run_command(touch *)\"]}}");
        cli.write("names.yaml", """
                - tool_calls:
                  - {name: write_file, arguments: {file_path: notes.txt, content: "hi\\n"}}
                  - {name: read_file, arguments: {file_path: notes.txt}}
                  - {name: file_exists, arguments: {path: notes.txt}}
                  - {name: current_working_directory, arguments: {}}
                  - {name: run_shell_command, arguments: {command: "touch made.txt"}}
                  - {name: write_file, arguments: {file_path: marble.json, content: "{}"}}
                - text: "Done. TASK_COMPLETE"
                """);
        var result = cli.run(
                "loop",
                "--json",
                "--approve-all",
                "-T",
                "run_shell_command",
                "-m",
                "scripted:names.yaml",
                "Use llm-loop's tools");
        assertThat(result.exit()).as(result.err()).isZero();
        var returned = result.out()
                .lines()
                .map(Json::parse)
                .filter(e -> e.path("type").asString().equals("tool_returned"))
                .map(e -> e.path("tool").asString() + ": " + e.path("content").asString())
                .toList();
        assertThat(returned.get(0)).startsWith("write_file: Created 'notes.txt'");
        assertThat(returned.get(1)).startsWith("read_file: ").contains("hi");
        assertThat(returned.get(2)).isEqualTo("file_exists: 'notes.txt' is a file of 3 bytes.");
        assertThat(returned.get(3)).isEqualTo("current_working_directory: " + cli.project());
        assertThat(returned.get(4)).contains("denied by rule 'run_command(touch *)'");
        assertThat(returned.get(5)).contains("protected: 'marble.json'");
        assertThat(cli.project().resolve("made.txt")).doesNotExist();
        assertThat(Files.readString(cli.project().resolve("marble.json"))).contains("deny");
    }
}
