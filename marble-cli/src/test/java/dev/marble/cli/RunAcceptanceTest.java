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
 * The seeds' acceptance cases that only the whole command can show (SEEDS-SPEC 3.1 and 4.1): the prompt, the depth
 * limit and workers that list each other, the model precedence of nested workers, --set on the entry only, and a
 * program's cycle, provider and turn limit, through marble run on real files and replayed models.
 */
class RunAcceptanceTest {

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.write("hello.yaml", "- text: hello\n");
    }

    private void worker(String name, String frontMatter, String instructions) throws IOException {
        cli.write(name + ".worker", "---\nname: " + name + "\n" + frontMatter + "---\n" + instructions + "\n");
    }

    private List<JsonNode> runs() {
        return cli.run("logs", "--runs", "--json")
                .out()
                .lines()
                .map(Json::parse)
                .toList();
    }

    @Test
    void thePromptComesFromTheWordsElseStandardInputElseItIsAUsageError() throws IOException {
        cli.write("echo.yaml", "- text: one\n- text: two\n");
        worker("main", "model: scripted:hello.yaml\n", "Answer.");

        var piped = cli.stdin("  Question from a pipe  \n").run("run", "main.worker");
        assertThat(piped.exit()).as(piped.err()).isZero();
        assertThat(runs().getLast().path("goal").asString().strip()).isEqualTo("Question from a pipe");

        var blank = cli.stdin("  \n").run("run", "main.worker"); // LLMProc: "User input cannot be empty"
        assertThat(blank.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(blank.err().strip().lines()).singleElement().asString().contains("the prompt is empty");

        var none = cli.typing("").run("run", "main.worker");
        assertThat(none.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err().strip().lines()).singleElement().asString().containsIgnoringCase("prompt");
    }

    @Test
    void delegationStopsAtFiveLevelsAndTheSixthCallIsAnErrorTheCallerSees() throws IOException {
        for (int i = 0; i <= 6; i++) {
            String next = "w" + (i + 1);
            cli.write("w" + i + ".yaml", i == 6 ? "- text: too deep\n" : """
                    - tool_calls: [{name: %s, arguments: {input: "go on"}}]
                    - text: w%d done
                    """.formatted(next, i));
            worker(
                    "w" + i,
                    "model: scripted:w" + i + ".yaml\n" + (i == 6 ? "" : "toolsets:\n  " + next + ": {}\n"),
                    "Level " + i + ".");
        }
        String[] args = {
            "run",
            "--json",
            "--entry",
            "w0",
            "w0.worker",
            "w1.worker",
            "w2.worker",
            "w3.worker",
            "w4.worker",
            "w5.worker",
            "w6.worker",
            "Go deep"
        };
        var result = cli.stdin("").run(args);

        assertThat(result.exit()).as(result.err()).isZero();
        List<JsonNode> events = result.out().lines().map(Json::parse).toList();
        assertThat(events.getLast().path("answer").asString()).isEqualTo("w0 done");
        List<JsonNode> refused = events.stream()
                .filter(e -> e.path("tool").asString().equals("w6")
                        || e.path("name").asString().equals("w6"))
                .filter(e -> e.toString().contains("limited to 5 levels"))
                .toList();
        assertThat(refused).as(result.out()).isNotEmpty();
        List<JsonNode> runs = runs();
        assertThat(runs)
                .extracting(r -> r.path("agent").asString())
                .containsExactly("w0", "w1", "w2", "w3", "w4", "w5");
        assertThat(runs).extracting(r -> r.path("depth").asInt()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void workersThatListEachOtherLoadAndRun() throws IOException {
        cli.write("main.yaml", """
                - tool_calls: [{name: helper, arguments: {input: "Say hi"}}]
                - text: main heard the helper
                """);
        cli.write("helper.yaml", "- text: hi\n");
        worker("main", "model: scripted:main.yaml\ntoolsets:\n  helper: {}\n", "You ask the helper.");
        worker("helper", "model: scripted:helper.yaml\ntoolsets:\n  main: {}\n", "You may ask main.");
        var result = cli.stdin("").run("run", "main.worker", "helper.worker", "Go");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("main heard the helper\n");
    }

    @Test
    void aNestedWorkerRunsOnItsOwnModelElseOnTheEntrysResolvedOneNeverOnLlmDoModel() throws IOException {
        // bare runs on the entry's model, so its answer is the entry script's third reply
        cli.write("entry.yaml", """
                - tool_calls: [{name: own, arguments: {input: "a"}}]
                - tool_calls: [{name: bare, arguments: {input: "b"}}]
                - text: bare
                - text: done
                """);
        cli.write("own.yaml", "- text: own\n");
        worker("main", "model: scripted:entry.yaml\ntoolsets:\n  own: {}\n  bare: {}\n", "Ask both.");
        worker("own", "model: scripted:own.yaml\n", "Own model.");
        worker("bare", "", "No model.");
        cli.env("LLM_DO_MODEL", "scripted:hello.yaml").env("MARBLE_MODEL", "scripted:hello.yaml");
        var result = cli.stdin("").run("run", "main.worker", "own.worker", "bare.worker", "Go");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("done\n");
        assertThat(runs())
                .extracting(
                        r -> r.path("agent").asString() + "=" + r.path("model").asString())
                .containsExactly("main=scripted:entry.yaml", "own=scripted:own.yaml", "bare=scripted:entry.yaml");

        // -m replaces the entry's model only; a nested worker with a model keeps it, one without follows -m
        cli.write("flag.yaml", """
                - tool_calls: [{name: own, arguments: {input: "a"}}]
                - tool_calls: [{name: bare, arguments: {input: "b"}}]
                - text: bare
                - text: done by flag
                """);
        var flagged = cli.run("run", "-m", "scripted:flag.yaml", "main.worker", "own.worker", "bare.worker", "Go");
        assertThat(flagged.out()).as(flagged.err()).isEqualTo("done by flag\n");
        assertThat(runs().subList(3, 6))
                .extracting(
                        r -> r.path("agent").asString() + "=" + r.path("model").asString())
                .containsExactly("main=scripted:flag.yaml", "own=scripted:own.yaml", "bare=scripted:flag.yaml");
    }

    @Test
    void setChangesTheEntryWorkerOnly() throws IOException {
        cli.write("main.yaml", """
                - tool_calls: [{name: helper, arguments: {input: "x"}}]
                - text: done
                """);
        cli.write("helper.yaml", "- text: helped\n");
        worker("main", "model: scripted:hello.yaml\ntoolsets:\n  helper: {}\n", "Ask.");
        worker("helper", "model: scripted:helper.yaml\n", "Help.");
        var result =
                cli.stdin("").run("run", "--set", "model=scripted:main.yaml", "main.worker", "helper.worker", "Go");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(runs())
                .extracting(
                        r -> r.path("agent").asString() + "=" + r.path("model").asString())
                .containsExactly("main=scripted:main.yaml", "helper=scripted:helper.yaml");

        var bad = cli.run("run", "--set", "toolsets=[]", "main.worker", "helper.worker", "Go");
        assertThat(bad.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(bad.err().strip().lines())
                .singleElement()
                .asString()
                .contains("main.worker")
                .contains("toolsets")
                .contains("(set by --set)");
    }

    @Test
    void aWorkerWithNoModelAnywhereIsOneLineNamingWhereAModelComesFrom() throws IOException {
        worker("main", "", "Answer.");
        var result = cli.stdin("").run("run", "main.worker", "hi");

        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCodes.NO_MODEL);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().strip().lines()).singleElement().asString().containsIgnoringCase("model");
    }

    private void program(String name, String body) throws IOException {
        cli.write(name + ".toml", "[model]\nname = \"hello.yaml\"\nprovider = \"scripted\"\n\n" + body);
    }

    @Test
    void aCycleOfLinkedProgramsIsOneLineAndNothingRuns() throws IOException {
        program("a", "[tools]\nenabled = [\"spawn\"]\n\n[linked_programs]\nb = \"b.toml\"\n");
        program("b", "[tools]\nenabled = [\"spawn\"]\n\n[linked_programs]\na = \"a.toml\"\n");
        var result = cli.stdin("").run("run", "--entry", "a", "a.toml", "hi");

        assertThat(result.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(result.err().strip().lines()).singleElement().asString().contains("a.toml → b.toml → a.toml");
        assertThat(result.out()).isEmpty();
        assertThat(runs()).isEmpty();
    }

    @Test
    void anUnknownProviderIsOneLine() throws IOException {
        cli.write("p.toml", "[model]\nname = \"m\"\nprovider = \"nonesuch\"\n");
        var result = cli.stdin("").run("run", "--entry", "p", "p.toml", "hi");

        assertThat(result.exit()).isNotZero();
        assertThat(result.err().strip().lines()).singleElement().asString().contains("nonesuch");
    }

    @Test
    void aProgramRunStopsAfterLlmprocsTenModelCalls() throws IOException {
        StringBuilder forever = new StringBuilder();
        for (int i = 0; i < 12; i++)
            forever.append("- tool_calls: [{name: list_directory, arguments: {path: \".\"}}]\n");
        cli.write("forever.yaml", forever.toString());
        cli.write(
                "p.toml",
                "[model]\nname = \"forever.yaml\"\nprovider = \"scripted\"\n\n[tools]\nenabled = [\"files\"]\n");
        var result = cli.stdin("").run("run", "--entry", "p", "p.toml", "Look around");

        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCodes.LIMIT);
        assertThat(runs())
                .singleElement()
                .satisfies(run -> assertThat(run.path("turns").asInt()).isEqualTo(10));
    }
}
