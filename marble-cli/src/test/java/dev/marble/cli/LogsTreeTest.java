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
 * marble logs --runs and --run on the journal that real delegating runs wrote: main calls helper (which calls
 * leaf) and then checker, each worker on a script of its own with its own token counts.
 */
class LogsTreeTest {

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void runATreeOfWorkersAndThenOneMore() throws IOException {
        cli = new CliRunner(temp);
        cli.stdin("");
        cli.write("main.yaml", """
                - tool_calls: [{name: helper, arguments: {input: "Count the files"}}]
                  usage: {input_tokens: 100, output_tokens: 10}
                - tool_calls: [{name: checker, arguments: {input: "Check the count"}}]
                  usage: {input_tokens: 100, output_tokens: 10}
                - text: All done.
                  usage: {input_tokens: 100, output_tokens: 10}
                """);
        cli.write("helper.yaml", """
                - tool_calls: [{name: leaf, arguments: {input: "List them"}}]
                  usage: {input_tokens: 20, output_tokens: 2}
                - text: helper done
                  usage: {input_tokens: 20, output_tokens: 2}
                """);
        cli.write("leaf.yaml", "- text: leaf done\n  usage: {input_tokens: 5, output_tokens: 1}\n");
        cli.write("checker.yaml", "- text: checked\n  usage: {input_tokens: 7, output_tokens: 1}\n");
        worker("main", "toolsets:\n  helper: {}\n  checker: {}\n", "You coordinate.");
        worker("helper", "toolsets:\n  leaf: {}\n", "You count.");
        worker("leaf", "", "You list.");
        worker("checker", "", "You check.");

        var tree = cli.run("run", "main.worker", "helper.worker", "leaf.worker", "checker.worker", "Go");
        assertThat(tree.exit()).as(tree.err()).isZero();
        assertThat(tree.out()).isEqualTo("All done.\n");
        var single = cli.run("run", "--entry", "leaf", "leaf.worker", "Alone");
        assertThat(single.exit()).as(single.err()).isZero();
    }

    private void worker(String name, String more, String instructions) throws IOException {
        cli.write(
                name + ".worker",
                "---\nname: " + name + "\nmodel: scripted:" + name + ".yaml\n" + more + "---\n" + instructions + "\n");
    }

    private List<JsonNode> runsJson() {
        var result = cli.run("logs", "--runs", "--json");
        assertThat(result.exit()).as(result.err()).isZero();
        return result.out().lines().map(Json::parse).toList();
    }

    @Test
    void runsListsChildRunsIndentedUnderTheirParent() {
        var result = cli.run("logs", "--runs");
        assertThat(result.exit()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();

        assertThat(lines).hasSize(5);
        assertThat(lines.get(0))
                .doesNotStartWith(" ")
                .containsPattern("  run +main +answered +3 turns  388 tokens  \\$0\\.00  \\d+\\.\\d s  \"Go\"");
        assertThat(lines.get(1))
                .startsWith("└─ ")
                .containsPattern("delegate +helper +answered +2 turns  50 tokens")
                .contains("\"Count the files\"");
        assertThat(lines.get(2))
                .startsWith("   └─ ")
                .containsPattern("delegate +leaf +answered +1 turn  6 tokens")
                .contains("\"List them\"");
        assertThat(lines.get(3)).startsWith("└─ ").containsPattern("delegate +checker +answered +1 turn  8 tokens");
        assertThat(lines.get(4)).doesNotStartWith(" ").containsPattern("  run +leaf +answered .* \"Alone\"");

        var newest = cli.run("logs", "--runs", "-n", "1").out().lines().toList();
        assertThat(newest).hasSize(1);
        assertThat(newest.get(0)).contains("\"Alone\"");
    }

    @Test
    void runsAsJsonAreOneLinePerRunWithItsDepthAndParent() {
        List<JsonNode> runs = runsJson();

        assertThat(runs)
                .extracting(r -> r.path("agent").asString())
                .containsExactly("main", "helper", "leaf", "checker", "leaf");
        assertThat(runs).extracting(r -> r.path("depth").asInt()).containsExactly(0, 1, 2, 1, 0);
        String main = runs.get(0).path("id").asString();
        String helper = runs.get(1).path("id").asString();
        assertThat(runs.get(0).path("parent_run_id").isNull()).isTrue();
        assertThat(runs.get(1).path("parent_run_id").asString()).isEqualTo(main);
        assertThat(runs.get(2).path("parent_run_id").asString()).isEqualTo(helper);
        assertThat(runs.get(3).path("parent_run_id").asString()).isEqualTo(main);
        assertThat(runs.get(4).path("parent_run_id").isNull()).isTrue();
        assertThat(runs)
                .extracting(r -> r.path("goal").asString())
                .containsExactly("Go", "Count the files", "List them", "Check the count", "Alone");
        // the caller's totals include its children's; each child's row has its own
        assertThat(runs)
                .extracting(r -> r.path("usage").path("input_tokens").asLong()
                        + r.path("usage").path("output_tokens").asLong())
                .containsExactly(388L, 50L, 6L, 8L, 6L);
        assertThat(runs).allSatisfy(r -> {
            assertThat(r.path("ending").asString()).isEqualTo("answered");
            assertThat(r.path("goal").asString()).isNotEmpty();
            assertThat(r.path("elapsed_ms").asLong()).isNotNegative();
        });
        assertThat(runs.get(0).path("elapsed_ms").asLong())
                .isGreaterThanOrEqualTo(runs.get(1).path("elapsed_ms").asLong());
    }

    @Test
    void oneRunShowsItsTreeAndThenItsEvents() {
        String main = runsJson().get(0).path("id").asString();
        var result = cli.run("logs", "--run", main);
        assertThat(result.exit()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();

        assertThat(lines.get(0)).startsWith(main).contains("main");
        assertThat(lines.get(1)).startsWith("└─ ").contains("helper");
        assertThat(lines.get(2)).startsWith("   └─ ").contains("leaf");
        assertThat(lines.get(3)).startsWith("└─ ").contains("checker");
        assertThat(lines.get(4)).isEmpty();
        assertThat(lines.get(5)).containsPattern("^ +1 .* run_started");
        assertThat(result.out()).contains("run_finished").doesNotContain("Alone");
    }

    @Test
    void oneRunAsJsonIsItsNestedTreeThenItsEvents() {
        List<JsonNode> runs = runsJson();
        String main = runs.get(0).path("id").asString();
        var lines = cli.run("logs", "--run", main, "--json")
                .out()
                .lines()
                .map(Json::parse)
                .toList();

        JsonNode tree = lines.get(0);
        assertThat(tree.path("type").asString()).isEqualTo("run");
        assertThat(tree.path("id").asString()).isEqualTo(main);
        assertThat(tree.path("children"))
                .extracting(c -> c.path("agent").asString())
                .containsExactly("helper", "checker");
        JsonNode helper = tree.path("children").get(0);
        assertThat(helper.path("kind").asString()).isEqualTo("delegate");
        assertThat(helper.path("turns").asInt()).isEqualTo(2);
        assertThat(helper.path("children")).hasSize(1);
        assertThat(helper.path("children").get(0).path("agent").asString()).isEqualTo("leaf");
        assertThat(helper.path("children").get(0).path("children")).isEmpty();

        List<JsonNode> events = lines.subList(1, lines.size());
        assertThat(events)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.path("run_id").asString()).isEqualTo(main));
        assertThat(events.get(0).path("type").asString()).isEqualTo("run_started");
    }

    @Test
    void aChildRunNamesTheRunThatStartedIt() {
        List<JsonNode> runs = runsJson();
        String helper = runs.get(1).path("id").asString();
        var result = cli.run("logs", "--run", helper);
        List<String> lines = result.out().lines().toList();

        assertThat(lines.get(0))
                .isEqualTo("started by run " + runs.get(0).path("id").asString());
        assertThat(lines.get(1)).startsWith(helper).contains("helper");
        assertThat(lines.get(2)).startsWith("└─ ").contains("leaf");
        assertThat(lines.get(3)).isEmpty();
        assertThat(cli.run("logs", "--run", "nope").exit()).isEqualTo(ExitCodes.USAGE);
    }
}
