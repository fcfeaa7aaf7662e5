package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class PipeCommandTest {

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.write("hello.yaml", "replies:\n  - text: Hello there.\n    usage: {input_tokens: 12, output_tokens: 3}\n");
    }

    @Test
    void answersFromWordsWithTheModelLineOnStandardError() {
        var result = cli.run("pipe", "-m", "scripted:hello.yaml", "Say", "hello");
        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("Hello there.\n");
        assertThat(result.err())
                .contains("[marble pipe] model: scripted:hello.yaml (command line)")
                .contains("REPLAY");
    }

    /** A misspelt key in a replay file is named, with its line, rather than ignored in silence. */
    @Test
    void anUnknownKeyInTheReplayIsAWarningAtItsLine() throws IOException {
        cli.write("typo.yaml", "replies:\n  - text: Hi.\n    delay_msec: 5\n");
        var result = cli.run("pipe", "-m", "scripted:typo.yaml", "hi");
        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("Hi.\n");
        assertThat(result.err())
                .containsOnlyOnce(
                        "typo.yaml:3:5: replies[0].delay_msec: unknown key, ignored (did you mean \"delay_ms\"?)");
    }

    @Test
    void quietKeepsTheReplayLabelButDropsTheRest() throws IOException {
        var result = cli.run("pipe", "-q", "-m", "scripted:hello.yaml", "hi");
        assertThat(result.err()).contains("REPLAY");
        cli.write(
                "marble.json",
                "{\"retry\": {\"max_attempts\": 1},"
                        + " \"providers\": {\"lab\": {\"type\": \"openai\", \"base_url\": \"http://127.0.0.1:9/v1\"}}}");
        var failed = cli.run("pipe", "-q", "-m", "lab:m", "--fallback", "scripted:hello.yaml", "hi");
        assertThat(failed.exit()).isZero();
        assertThat(failed.err()).doesNotContain("model: lab:m");
    }

    @Test
    void promptFromFileAndFromStandardInput() throws IOException {
        cli.write("prompt.txt", "Say hello\n");
        assertThat(cli.run("pipe", "-m", "scripted:hello.yaml", "-f", "prompt.txt")
                        .out())
                .isEqualTo("Hello there.\n");
        assertThat(cli.stdin("Say hello")
                        .run("pipe", "-m", "scripted:hello.yaml")
                        .out())
                .isEqualTo("Hello there.\n");
    }

    @Test
    void blankPromptsAndMissingFilesAreUsageErrors() {
        var blank = cli.run("pipe", "-m", "scripted:hello.yaml", "  ");
        assertThat(blank.exit()).isEqualTo(2);
        assertThat(blank.err()).isEqualTo("marble: error: the prompt is empty\n");

        var missing = cli.run("pipe", "-m", "scripted:hello.yaml", "-f", "nope.txt");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err())
                .startsWith("marble: error: prompt file not found: ")
                .endsWith("nope.txt\n");

        var none = cli.run("pipe", "-m", "scripted:hello.yaml");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("no prompt");

        var emptyStdin = cli.stdin("\n\n").run("pipe", "-m", "scripted:hello.yaml");
        assertThat(emptyStdin.exit()).isEqualTo(2);
        assertThat(emptyStdin.err()).contains("the prompt is empty (standard input)");

        var badFlag = cli.run("pipe", "--bogus", "hi");
        assertThat(badFlag.exit()).isEqualTo(2);
        assertThat(badFlag.err()).contains("unknown option '--bogus'").contains("marble pipe --help");

        var badOption = cli.run("pipe", "-m", "scripted:hello.yaml", "-o", "temperature", "hot", "hi");
        assertThat(badOption.exit()).isEqualTo(2);
        assertThat(badOption.err()).contains("-o temperature: expected a number, got 'hot'");
    }

    @Test
    void jsonCarriesAnswerModelUsageAndCost() {
        var result = cli.run("pipe", "--json", "-m", "scripted:hello.yaml", "hi");
        assertThat(result.exit()).isZero();
        JsonNode json = Json.parse(result.out());
        assertThat(json.path("answer").asString()).isEqualTo("Hello there.");
        assertThat(json.path("model_used").asString()).isEqualTo("scripted:hello.yaml");
        assertThat(json.path("replay").asBoolean()).isTrue();
        assertThat(json.path("usage").path("input_tokens").asInt()).isEqualTo(12);
        assertThat(json.path("cost_usd").asDouble()).isZero();
        assertThat(json.path("cost_source").asString()).isEqualTo("free");
        assertThat(json.path("retries").asInt()).isZero();
    }

    @Test
    void aFailedModelCallExitsOneWithOneLineAndFallsBackWhenAsked() throws IOException {
        cli.write("marble.json", "{\"retry\": {\"initial_delay_ms\": 10}}");
        cli.write("down.yaml", "- {error: overloaded, message: \"HTTP 529 overloaded_error: Overloaded\"}\n".repeat(3));
        var failed = cli.run("pipe", "-m", "scripted:down.yaml", "hi");
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.err().lines().filter(l -> l.startsWith("marble: error:")))
                .singleElement()
                .asString()
                .contains("after 3 attempts")
                .contains("scripted:down.yaml #3");
        assertThat(failed.err()).doesNotContain("\tat ");

        cli.write("down2.yaml", "- {error: authentication, message: \"HTTP 401 invalid x-api-key\"}\n");
        var rescued = cli.run("pipe", "--json", "-m", "scripted:down2.yaml", "--fallback", "scripted:hello.yaml", "hi");
        assertThat(rescued.exit()).isZero();
        JsonNode json = Json.parse(rescued.out());
        assertThat(json.path("model").asString()).isEqualTo("scripted:down2.yaml");
        assertThat(json.path("model_used").asString()).isEqualTo("scripted:hello.yaml");
        assertThat(json.path("attempts")).hasSize(2);
        assertThat(rescued.err()).contains("attempt 1 failed: HTTP 401 invalid x-api-key; trying the next model");
    }

    @Test
    void failureWithJsonPrintsTheAttemptsOnStandardOutput() throws IOException {
        cli.write("down.yaml", "- {error: bad_request, message: \"HTTP 400 nope\"}\n");
        var failed = cli.run("pipe", "--json", "-m", "scripted:down.yaml", "hi");
        assertThat(failed.exit()).isEqualTo(1);
        JsonNode json = Json.parse(failed.out());
        assertThat(json.path("error").asString()).contains("HTTP 400 nope");
        assertThat(json.path("attempts").get(0).path("model").asString()).isEqualTo("scripted:down.yaml");
    }

    @Test
    void debugShowsTheStackTrace() throws IOException {
        cli.write("down.yaml", "- {error: bad_request, message: \"HTTP 400 nope\"}\n");
        var failed = cli.run("pipe", "--debug", "-m", "scripted:down.yaml", "hi");
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.err()).contains("\tat dev.marble");
    }

    @Test
    void secretsNeverAppearInErrors() throws IOException {
        cli.env("ANTHROPIC_API_KEY", "sk-ant-api03-TOPSECRETVALUE99");
        cli.write(
                "leak.yaml",
                "- {error: authentication, message: \"HTTP 401 key sk-ant-api03-TOPSECRETVALUE99 rejected\"}\n");
        var failed = cli.run("pipe", "--json", "-m", "scripted:leak.yaml", "hi");
        assertThat(failed.out() + failed.err())
                .doesNotContain("TOPSECRETVALUE99")
                .contains("[redacted:ANTHROPIC_API_KEY]");
        var logs = cli.run("logs", "--json");
        assertThat(logs.out()).doesNotContain("TOPSECRETVALUE99");
    }

    @Test
    void noModelExitsFourAndSaysHowToGetOne() {
        var result = cli.run("pipe", "hi");
        assertThat(result.exit()).isEqualTo(4);
        assertThat(result.err()).contains("no model to use").contains("scripted:examples/hello/replies.yaml");
    }

    @Test
    void aMalformedConfigExitsThreeWithItsLocation() throws IOException {
        Path file = cli.write("marble.json", "{\n  \"default_timeout_seconds\": -5\n}\n");
        var result = cli.run("pipe", "-m", "scripted:hello.yaml", "hi");
        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err())
                .isEqualTo("marble: error: " + file
                        + ":2:30: default_timeout_seconds: expected an integer from 1 to 2147483647, got -5\n");
    }

    @Test
    void aMalformedReplayIsAConfigErrorWithItsLocation() throws IOException {
        Path file = cli.write("bad.yaml", "replies:\n  - text: [1, 2]\n");
        var result = cli.run("pipe", "-m", "scripted:bad.yaml", "hi");
        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err()).contains(file + ":2:11: replies[0].text: expected a string");
    }

    @Test
    void streamsToATerminal() {
        var result = cli.terminalOutput().run("pipe", "-m", "scripted:hello.yaml", "hi");
        assertThat(result.out()).isEqualTo("Hello there.\n");
    }

    @Test
    void everyCallLandsInTheJournal() {
        cli.run("pipe", "-m", "scripted:hello.yaml", "first");
        cli.run("pipe", "-m", "scripted:hello.yaml", "second");
        var logs = cli.run("logs", "--json");
        assertThat(logs.exit()).isZero();
        var lines = logs.out().lines().map(Json::parse).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)
                        .path("request")
                        .path("messages")
                        .get(0)
                        .path("parts")
                        .get(0)
                        .path("text")
                        .asString())
                .isEqualTo("second");
        assertThat(lines.get(1).path("replay").asBoolean()).isTrue();
        assertThat(cli.run("logs", "-n", "1").out())
                .contains("(replay)")
                .contains("\"Hello there.\"")
                .doesNotContain("first");
    }
}
