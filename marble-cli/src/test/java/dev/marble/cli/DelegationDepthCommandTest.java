package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The delegation depth limit is configurable: {@code max_delegation_depth} in marble.json, {@code --max-depth} on
 * the command line (which wins). A chain of three workers (main → middle → leaf) needs depth 2.
 */
class DelegationDepthCommandTest {

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.write(
                "main.worker",
                "---\nname: main\nmodel: scripted:replies.yaml\ntoolsets:\n  middle: {}\n---\nAsk middle.\n");
        cli.write("middle.worker", "---\nname: middle\ntoolsets:\n  leaf: {}\n---\nAsk leaf.\n");
        cli.write("leaf.worker", "---\nname: leaf\n---\nAnswer.\n");
        cli.write("replies.yaml", """
                - tool_calls: [{name: middle, arguments: {input: "go"}}]
                - tool_calls: [{name: leaf, arguments: {input: "go deeper"}}]
                - text: from the leaf
                - text: middle heard back
                - text: main is done
                """);
    }

    private List<JsonNode> events(CliRunner.Result result, String type) {
        return result.out()
                .lines()
                .map(Json::parse)
                .filter(event -> event.path("type").asString().equals(type))
                .toList();
    }

    @Test
    void theDefaultLimitLetsThreeLevelsRun() {
        CliRunner.Result result = cli.run("run", "--json", "main.worker", "middle.worker", "leaf.worker", "Start");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(events(result, "run_started")).hasSize(3);
    }

    @Test
    void theConfiguredLimitRefusesTheCallThatGoesDeeper() throws IOException {
        cli.write("marble.json", "{\"max_delegation_depth\": 1}\n");

        CliRunner.Result result = cli.run("run", "--json", "main.worker", "middle.worker", "leaf.worker", "Start");

        assertThat(events(result, "run_started")).hasSize(2);
        assertThat(events(result, "tool_returned"))
                .anySatisfy(event -> assertThat(event.toString()).contains("delegation is limited to 1 levels"));
    }

    @Test
    void maxDepthOnTheCommandLineWinsOverConfiguration() throws IOException {
        cli.write("marble.json", "{\"max_delegation_depth\": 1}\n");

        CliRunner.Result result =
                cli.run("run", "--json", "--max-depth", "2", "main.worker", "middle.worker", "leaf.worker", "Start");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(events(result, "run_started")).hasSize(3);
    }

    @Test
    void aLimitBelowOneIsAUsageErrorOrAConfigurationError() throws IOException {
        CliRunner.Result flag = cli.run("run", "--max-depth", "0", "main.worker", "middle.worker", "leaf.worker", "Go");
        assertThat(flag.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(flag.err()).contains("--max-depth 0: expected a whole number of 1 or more");

        cli.write("marble.json", "{\"max_delegation_depth\": 0}\n");
        CliRunner.Result config = cli.run("run", "main.worker", "middle.worker", "leaf.worker", "Go");
        assertThat(config.exit()).isEqualTo(3);
        assertThat(config.err()).contains("marble.json").contains("max_delegation_depth");
    }
}
