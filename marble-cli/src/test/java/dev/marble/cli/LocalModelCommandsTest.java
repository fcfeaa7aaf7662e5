package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import dev.marble.testkit.FakeFileServer;
import dev.marble.testkit.TestModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The local provider through the real command tree, on the micro test model (structure only: its words
 * are nonsense): an agent run with a tool round trip, a chain link, a pipe with a JSON schema, and
 * {@code marble models pull} against a loopback hub.
 */
class LocalModelCommandsTest {

    @TempDir
    Path temp;

    private CliRunner cli;
    private Path model;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        model = TestModels.microAgent();
        cli.write("Weather.java", """
                import dev.marble.tool.annotation.Tool;
                import dev.marble.tool.annotation.Param;

                public class Weather {
                    @Tool(value = "Current weather in a city", preApproved = true)
                    public String get_weather(@Param("city") String city) { return "sunny, 21 C"; }
                }
                """);
    }

    private static List<JsonNode> events(String out) {
        return out.lines().map(Json::parse).toList();
    }

    @Test
    void anAgentRunCallsAToolAndGetsItsResultBack() {
        var result = cli.run(
                "loop",
                "--json",
                "--headless",
                "--no-builtins",
                "--functions",
                "Weather.java",
                "--max-turns",
                "3",
                "-s",
                "You are a helpful assistant.",
                "-o",
                "temperature",
                "0",
                "-o",
                "max_tokens",
                "100",
                "-m",
                "local:" + model,
                "What is the weather in Paris?");

        assertThat(result.exit()).as(result.err()).isIn(ExitCodes.OK, ExitCodes.LIMIT);
        List<JsonNode> events = events(result.out());
        assertThat(events)
                .filteredOn(e -> e.path("type").asString().equals("tool_called"))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.toString()).contains("get_weather"));
        assertThat(events)
                .filteredOn(e -> e.path("type").asString().equals("tool_returned"))
                .anySatisfy(e -> assertThat(e.path("content").asString()).isEqualTo("sunny, 21 C"));
        assertThat(result.err()).containsOnlyOnce("local: loading micro-agent-test");
    }

    @Test
    void aChainLinkRunsOnALocalModel() throws IOException {
        // A link's prompt (instructions, handoff rules, the file and shell tools) outgrows the micro model's 512
        // trained positions; the grammar still holds the output's structure.
        cli.write("marble.json", """
                {"local": {"context_size": 4096}}
                """);
        cli.write("chains/c.json", """
                {"max_rounds": 1, "links": [{"name": "w", "model": "local:%s", "prompt": "What is the weather in Paris?"}]}
                """.formatted(model));

        var result = cli.run("chain", "start", "c");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("w: OK");
        assertThat(cli.project().resolve("state/c/round_counter.txt")).exists();
    }

    @Test
    void aNamedModelFromConfigurationAndAJsonSchemaForTheAnswer() throws IOException {
        Files.copy(model, cli.project().resolve("micro.gguf"));
        cli.write("marble.json", """
                {"local": {"threads": 1, "models": {"micro": {"path": "micro.gguf", "context_size": 256}}}}
                """);
        var result = cli.run(
                "pipe",
                "--json",
                "-m",
                "local:micro",
                "-o",
                "temperature",
                "0",
                "-o",
                "max_tokens",
                "120",
                "-o",
                "json_schema",
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}",
                "Name a city");

        assertThat(result.exit()).as(result.err()).isZero();
        JsonNode out = Json.parse(result.out());
        assertThat(Json.parse(out.path("answer").asString()).path("city").isString())
                .isTrue();
        assertThat(out.path("usage").path("output_tokens").asLong()).isPositive();
        assertThat(out.path("cost_usd").decimalValue()).isZero();
        assertThat(result.err()).contains("context 256 tokens");
    }

    @Test
    void aMissingModelFileIsOneLineNamingIt() {
        var result = cli.run("pipe", "-m", "local:/nowhere/m.gguf", "hi");

        assertThat(result.exit())
                .as("a model that cannot run here, as one without its key: no model reachable")
                .isEqualTo(ExitCodes.NO_MODEL);
        assertThat(result.err().lines().filter(l -> l.startsWith("marble: error")))
                .singleElement()
                .asString()
                .contains("/nowhere/m.gguf does not exist");
    }

    @Test
    void modelsListsTheLocalProvider() {
        assertThat(cli.run("models").out()).containsPattern("local\\s+local\\s+yes");
    }

    @Test
    void pullDownloadsIntoTheModelsFolderAndPrintsThePath() throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        try (FakeFileServer hub =
                FakeFileServer.start("acme/micro-GGUF", "micro.gguf", bytes).breakAfter(1_000_000, 1)) {
            cli.env("HF_ENDPOINT", hub.endpoint())
                    .env("XDG_CACHE_HOME", temp.resolve("cache").toString());

            var result = cli.run("models", "pull", "acme/micro-GGUF/micro.gguf");

            Path pulled = temp.resolve("cache/marble/models/acme/micro-GGUF/micro.gguf");
            assertThat(result.exit()).as(result.err()).isZero();
            assertThat(result.out().strip()).isEqualTo(pulled.toString());
            assertThat(Files.readAllBytes(pulled)).isEqualTo(bytes);
            assertThat(result.err())
                    .contains("resumed 1 time")
                    .contains("(checked)")
                    .contains("use it with -m local:");
            // A pulled model is found by its path under the models folder.
            var answer = cli.run("pipe", "-m", "local:acme/micro-GGUF/micro.gguf", "-o", "max_tokens", "5", "hi");
            assertThat(answer.exit()).as(answer.err()).isZero();

            var missing = cli.run("models", "pull", "acme/micro-GGUF/other.gguf");
            assertThat(missing.exit()).isEqualTo(ExitCodes.MODEL_FAILED);
            assertThat(missing.err()).contains("HTTP 404").doesNotContain("Exception");
            assertThat(cli.run("models", "pull", "just-a-file.gguf").exit()).isEqualTo(ExitCodes.USAGE);
        }
    }
}
