package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import dev.marble.json.JsonSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** marble logs --chain and the chain run's tree, on the journal a real chain of Marble links wrote. */
class LogsChainTest {

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void runTwoRoundsOfTwoLinks() throws IOException {
        cli = new CliRunner(temp);
        cli.write("r.yaml", """
                - text: planned round one
                  usage: {input_tokens: 100, output_tokens: 10}
                - text: built round one
                  usage: {input_tokens: 200, output_tokens: 20, cache_read_tokens: 1000}
                - text: planned round two
                  usage: {input_tokens: 300, output_tokens: 30}
                - text: built round two
                  usage: {input_tokens: 400, output_tokens: 40}
                """);
        cli.write("chains/c.json", """
                {"max_rounds": 2, "defaults": {"model": "scripted:r.yaml"},
                 "links": [{"name": "planner", "prompt": "Plan the work."}, {"name": "builder", "prompt": "Build the plan."}]}
                """);
        var result = cli.run("chain", "start", "c");
        assertThat(result.exit()).as(result.err()).isZero();
    }

    @Test
    void listsEachLinkUnderItsRoundWithItsTokensAndSaysWhichJournalItRead() {
        var result = cli.run("logs", "--chain", "c");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err())
                .isEqualTo("journal: " + cli.project().resolve(".marble/journal.db") + System.lineSeparator());
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).startsWith("round 1").contains("1,330 tokens".replace(",", ""));
        assertThat(lines.get(1)).contains("1.1 planner").contains(" ok ").contains("110 tokens");
        assertThat(lines.get(2)).contains("1.2 builder").contains("1220 tokens");
        assertThat(lines.get(3)).startsWith("round 2").contains("770 tokens");
        assertThat(lines.get(5)).contains("2.2 builder").contains("scripted:r.yaml");
    }

    @Test
    void jsonHasOneSnakeCaseObjectPerLinkAndNothingElseOnStandardOutput() throws IOException {
        var result = cli.run("logs", "--chain", "c", "--json");

        assertThat(result.exit()).as(result.err()).isZero();
        List<JsonNode> links = result.out().lines().map(Json::parse).toList();
        JsonNode schema = schema("logs-chain.schema.json");
        assertThat(links)
                .allSatisfy(link -> assertThat(JsonSchemas.problems(schema, link))
                        .as(link.toString())
                        .isEmpty());
        assertThat(links)
                .extracting(l -> l.path("round").asInt() + "." + l.path("name").asString())
                .containsExactly("1.planner", "1.builder", "2.planner", "2.builder");
        JsonNode built = links.get(1);
        assertThat(built.path("chain").asString()).isEqualTo("c");
        assertThat(built.path("outcome").asString()).isEqualTo("ok");
        assertThat(built.path("link_run_id").asString()).isNotEmpty();
        assertThat(built.path("totals").path("calls").asInt()).isEqualTo(1);
        assertThat(built.path("totals").path("usage").path("cache_read_tokens").asLong())
                .isEqualTo(1000);
        assertThat(built.path("totals").path("unpriced_models")).isNotNull();
    }

    @Test
    void quietSilencesTheJournalLineAndFiltersNarrowTheLinks() {
        var quiet = cli.run("logs", "-q", "--chain", "c", "--failed");
        assertThat(quiet.exit()).as(quiet.err()).isZero();
        assertThat(quiet.err()).isEmpty();
        assertThat(quiet.out()).startsWith("No links of chain 'c'");

        assertThat(cli.run("logs", "--chain", "c", "-n", "1").out().lines())
                .hasSize(2)
                .last()
                .asString()
                .contains("2.2 builder");
        assertThat(cli.run("logs", "--chain", "c", "--since", "1h", "--model", "r.yaml")
                        .out()
                        .lines())
                .hasSize(6);
        assertThat(cli.run("logs", "--chain", "c", "--model", "other").out()).startsWith("No links");
        var wrong = cli.run("logs", "--since", "2h");
        assertThat(wrong.exit()).isEqualTo(2);
        var badSince = cli.run("logs", "--chain", "c", "--since", "yesterday");
        assertThat(badSince.exit()).isEqualTo(2);
        assertThat(badSince.err()).contains("--since yesterday");
    }

    @Test
    void theChainRunIsATreeOfRoundsLinksAndTheirRunsWithTokensThatAddUp() {
        var runs = cli.run("logs", "--runs");
        assertThat(runs.exit()).as(runs.err()).isZero();
        List<String> lines = runs.out().lines().toList();
        assertThat(lines.get(0)).contains("chain").contains("2 rounds").contains("2100 tokens");
        assertThat(lines.get(1)).contains("round 1");
        assertThat(lines.get(2)).contains("1.1 planner");
        assertThat(lines.get(3)).contains("link").contains("planner").contains("110 tokens");
        assertThat(lines).hasSize(1 + 2 * (1 + 2 * 2));

        JsonNode chainRun = runsJson().getFirst();
        assertThat(chainRun.path("kind").asString()).isEqualTo("chain");
        assertThat(chainRun.path("rounds").asInt()).isEqualTo(2);
        assertThat(chainRun.path("totals").path("calls").asInt()).isEqualTo(4);
        assertThat(chainRun.path("totals").path("usage").path("input_tokens").asLong())
                .isEqualTo(1000);
        assertThat(runsJson())
                .filteredOn(r -> r.path("kind").asString().equals("link"))
                .hasSize(4)
                .allSatisfy(r -> assertThat(r.path("parent_run_id").asString())
                        .isEqualTo(chainRun.path("id").asString()));
    }

    private static JsonNode schema(String name) throws IOException {
        return Json.parse(Files.readString(Path.of(System.getProperty("marble.root", ".."))
                .resolve("docs/schemas")
                .resolve(name)));
    }

    private List<JsonNode> runsJson() {
        var result = cli.run("logs", "--runs", "--json");
        assertThat(result.exit()).as(result.err()).isZero();
        return result.out().lines().map(Json::parse).toList();
    }
}
