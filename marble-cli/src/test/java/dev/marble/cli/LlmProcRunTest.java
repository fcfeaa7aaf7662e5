package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * LLMProc's non-interactive command line on {@code marble run}: a lone program without {@code --entry}, the prompt
 * from {@code -p}, {@code -f} or standard input, {@code --json} as LLMProc's one object and {@code --cost-limit},
 * against the fake Anthropic server. The programs are written here in LLMProc's seed-era shape.
 */
class LlmProcRunTest {

    private static final String KEY = "sk-ant-api03-LLMPROCRUNTESTKEY0123456789";
    private static final String PROGRAM = """
            [model]
            name = "claude-sonnet-4-6"
            provider = "anthropic"

            [prompt]
            system_prompt = "You answer in one word."
            """;

    @TempDir
    Path temp;

    private CliRunner cli;
    private final FakeAnthropicServer anthropic = FakeAnthropicServer.start();

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.env("ANTHROPIC_BASE_URL", anthropic.baseUrl()).env("ANTHROPIC_API_KEY", KEY);
        anthropic.requireApiKey(KEY).respondWith(request -> FakeReply.text("Paris"));
        cli.write("capital.toml", PROGRAM);
    }

    @AfterEach
    void stop() {
        anthropic.close();
    }

    @Test
    void aLoneProgramRunsWithoutEntryWhateverItsName() {
        CliRunner.Result result = cli.run("run", "capital.toml", "What is the capital of France?");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Paris\n");
        SeenRequest request = anthropic.lastRequest();
        assertThat(request.system()).isEqualTo("You answer in one word.");
        assertThat(request.lastUserText()).isEqualTo("What is the capital of France?");
    }

    @Test
    void thePromptComesFromDashPDashFOrStandardInput() throws IOException {
        List<String> seen = new ArrayList<>();
        anthropic.respondWith(request -> {
            seen.add(request.lastUserText());
            return FakeReply.text("Paris");
        });
        cli.write("question.txt", "From a file?\n");

        assertThat(cli.run("run", "capital.toml", "-p", "From -p?").exit()).isZero();
        assertThat(cli.run("run", "--prompt", "From --prompt?", "capital.toml").exit())
                .isZero();
        assertThat(cli.run("run", "capital.toml", "-f", "question.txt").exit()).isZero();
        assertThat(cli.run("run", "capital.toml", "--file", "question.txt").exit())
                .isZero();
        cli.stdin("From standard input?\n");
        assertThat(cli.run("run", "capital.toml").exit()).isZero();

        assertThat(seen)
                .containsExactly("From -p?", "From --prompt?", "From a file?", "From a file?", "From standard input?");
    }

    @Test
    void twoPromptsAreAUsageErrorBeforeAnyCall() throws IOException {
        cli.write("question.txt", "A file\n");

        CliRunner.Result wordsAndP = cli.run("run", "capital.toml", "-p", "one", "two words");
        CliRunner.Result pAndF = cli.run("run", "capital.toml", "-p", "one", "-f", "question.txt");
        CliRunner.Result wordsAndF = cli.run("run", "capital.toml", "-f", "question.txt", "words");

        for (CliRunner.Result result : List.of(wordsAndP, pAndF, wordsAndF)) {
            assertThat(result.exit()).isEqualTo(2);
            assertThat(result.err().strip().lines()).hasSize(1);
        }
        assertThat(wordsAndP.err()).contains("give the prompt once");
        assertThat(anthropic.requestCount()).isZero();
    }

    @Test
    void jsonOnAProgramIsLlmProcsOneObject() {
        CliRunner.Result result = cli.run("run", "capital.toml", "-p", "Capital of France?", "--json");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out().strip().lines()).as("one object, one line").hasSize(1);
        JsonNode object = Json.parse(result.out());
        assertThat(object.propertyNames())
                .containsExactly("api_calls", "usd_cost", "last_message", "stderr", "stop_reason");
        assertThat(object.path("api_calls").asInt()).isEqualTo(1);
        assertThat(object.path("usd_cost").isNumber()).isTrue();
        assertThat(object.path("usd_cost").decimalValue()).isPositive();
        assertThat(object.path("last_message").asString()).isEqualTo("Paris");
        assertThat(object.path("stderr").isArray()).isTrue();
        assertThat(object.path("stderr")).isEmpty();
        assertThat(object.path("stop_reason").asString()).isEqualTo("end_turn");
    }

    @Test
    void jsonFormatMarbleKeepsTheEventStreamForAProgram() {
        CliRunner.Result result =
                cli.run("run", "capital.toml", "-p", "Capital of France?", "--json", "--json-format", "marble");

        assertThat(result.exit()).as(result.err()).isZero();
        List<String> lines = result.out().strip().lines().toList();
        assertThat(lines.size()).isGreaterThan(1);
        assertThat(Json.parse(lines.getLast()).path("type").asString()).isEqualTo("run_finished");
    }

    @Test
    void jsonOnAWorkerIsStillMarblesEventStream() throws IOException {
        cli.write("main.worker", "---\nname: main\nmodel: anthropic:claude-sonnet-4-6\n---\nYou answer in one word.\n");

        CliRunner.Result result = cli.run("run", "main.worker", "--json", "Capital of France?");

        assertThat(result.exit()).as(result.err()).isZero();
        List<String> lines = result.out().strip().lines().toList();
        assertThat(lines.size()).isGreaterThan(1);
        assertThat(Json.parse(lines.getLast()).path("type").asString()).isEqualTo("run_finished");
    }

    @Test
    void costLimitEndsTheRunWithTheLimitExitAndSaysSoInTheObject() throws IOException {
        cli.write("notes.txt", "Paris is the capital.\n");
        cli.write("capital.toml", PROGRAM + "\n[tools]\nenabled = [\"read_file\"]\n");
        anthropic.respondWith(request ->
                FakeReply.toolCall("read_file", "{\"path\": \"notes.txt\"}").withUsage(200_000, 1_000, 0, 0));

        CliRunner.Result result =
                cli.run("run", "capital.toml", "-p", "Read the notes", "--json", "--cost-limit", "0.01");

        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCodes.LIMIT);
        JsonNode object = Json.parse(result.out());
        assertThat(object.path("stop_reason").asString()).isEqualTo("cost_limit_exceeded");
        assertThat(object.path("cost_limit").decimalValue()).isEqualByComparingTo("0.01");
        assertThat(object.path("usd_cost").decimalValue()).isGreaterThan(new java.math.BigDecimal("0.01"));
        assertThat(anthropic.requestCount()).as("no second call past the limit").isEqualTo(1);
    }

    @Test
    void aCostLimitOfNothingIsAUsageError() {
        CliRunner.Result result = cli.run("run", "capital.toml", "-p", "hi", "--cost-limit", "0");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("--cost-limit 0: expected dollars above 0");
        assertThat(anthropic.requestCount()).isZero();
    }

    @Test
    void anApiErrorNamesItsDumpFileOnTheErrorLine() throws IOException {
        anthropic.respondWith(request -> FakeReply.error(400, "invalid_request_error", "max_tokens: too large"));

        CliRunner.Result result = cli.run("run", "capital.toml", "-p", "My key is " + KEY);

        assertThat(result.exit()).isEqualTo(ExitCodes.MODEL_FAILED);
        assertThat(result.err()).contains("max_tokens: too large").contains("/.marble/debug_dumps/");
        assertThat(result.err()).doesNotContain(KEY);
        String named = result.err().substring(result.err().indexOf("saved in ") + "saved in ".length());
        Path dump = Path.of(named.substring(0, named.indexOf(".json") + ".json".length()));
        assertThat(dump).exists().startsWith(cli.project());
        assertThat(java.nio.file.Files.readString(dump))
                .contains("invalid_request_error")
                .doesNotContain(KEY);
    }

    @Test
    void chatTakesPButRefusesWhatOnlyASingleRunUses() throws IOException {
        cli.write("question.txt", "A file\n");

        CliRunner.Result file = cli.run("run", "--chat", "capital.toml", "-f", "question.txt");
        CliRunner.Result limit = cli.run("run", "--chat", "capital.toml", "--cost-limit", "1");
        CliRunner.Result prompt = cli.stdin("exit\n").run("run", "--chat", "capital.toml", "-p", "Capital of France?");

        assertThat(file.exit()).isEqualTo(2);
        assertThat(limit.exit()).isEqualTo(2);
        assertThat(file.err()).contains("-f and --cost-limit are for a single run");
        assertThat(prompt.exit()).as(prompt.err()).isZero();
        assertThat(prompt.out()).contains("Paris");
        assertThat(anthropic.lastRequest().lastUserText()).isEqualTo("Capital of France?");
    }

    @Test
    void budgetUsdIsTheSameLimitAsInMarbleLoop() {
        anthropic.respondWith(request -> FakeReply.text("Paris").withUsage(200_000, 1_000, 0, 0));

        CliRunner.Result result = cli.run("run", "capital.toml", "-p", "Capital?", "--json", "--budget-usd", "0.01");

        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCodes.LIMIT);
        assertThat(Json.parse(result.out()).path("stop_reason").asString()).isEqualTo("cost_limit_exceeded");
    }

    @Test
    void theHelpGroupsTheLimitWithTheLimits() {
        String help = cli.run("run", "--help").out();

        String limits = help.substring(help.indexOf("Limits:"));
        assertThat(limits.substring(0, limits.indexOf("\n\n"))).contains("--cost-limit, --budget-usd=USD");
        assertThat(help).contains("-p, --prompt=PROMPT").contains("-f, --file=FILE");
    }
}
