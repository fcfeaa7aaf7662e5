package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
