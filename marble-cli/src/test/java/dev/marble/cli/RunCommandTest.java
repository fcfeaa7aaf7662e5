package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** marble run, in-process: workers and programs from real files, on replayed models, with the real tools. */
class RunCommandTest {

    @TempDir
    Path temp;

    private CliRunner cli;

    private static final String WRITE_NOTE = """
            - tool_calls: [{name: write_file, arguments: {path: notes/a.txt, content: "hi\\n"}}]
            - text: Wrote notes/a.txt.
            """;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.write("write.yaml", WRITE_NOTE);
        cli.stdin("");
    }

    private void worker(String file, String frontMatter, String instructions) throws IOException {
        cli.write(file, "---\n" + frontMatter + "---\n" + instructions + "\n");
    }

    @Test
    void aWorkerAnswersThePromptWithItsTools() throws IOException {
        worker("main.worker", """
                name: main
                model: scripted:write.yaml
                toolsets:
                  filesystem:
                    write_approval: false
                """, "You write short notes.");
        var result = cli.run("run", "main.worker", "Write", "a", "note");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Wrote notes/a.txt.\n");
        assertThat(Files.readString(cli.project().resolve("notes/a.txt"))).isEqualTo("hi\n");
    }

    @Test
    void writesAskByDefaultAndAHeadlessRunRefusesThem() throws IOException {
        worker("main.worker", """
                name: main
                model: scripted:write.yaml
                toolsets:
                  filesystem: {}
                """, "You write short notes.");
        var refused = cli.run("run", "--headless", "-v", "main.worker", "Write a note");
        assertThat(refused.exit()).isZero();
        assertThat(refused.err()).contains("[denied] write_file");
        assertThat(cli.project().resolve("notes/a.txt")).doesNotExist();

        cli.write("write2.yaml", WRITE_NOTE);
        var approved = cli.run("run", "--approve-all", "main.worker", "-s", "model=scripted:write2.yaml", "Write");
        assertThat(approved.exit()).as(approved.err()).isZero();
        assertThat(cli.project().resolve("notes/a.txt")).exists();
    }

    @Test
    void theEntrysModelFollowsLlmDosPrecedence() throws IOException {
        cli.write("a.yaml", "- text: from a\n");
        cli.write("b.yaml", "- text: from b\n");
        cli.write("c.yaml", "- text: from c\n");
        worker("main.worker", "name: main\n", "Answer.");

        assertThat(cli.env("MARBLE_MODEL", "scripted:c.yaml")
                        .run("run", "main.worker", "hi")
                        .out())
                .isEqualTo("from c\n");
        assertThat(cli.env("LLM_DO_MODEL", "scripted:b.yaml")
                        .run("run", "main.worker", "hi")
                        .out())
                .isEqualTo("from b\n");
        assertThat(cli.run("run", "-m", "scripted:a.yaml", "main.worker", "hi").out())
                .isEqualTo("from a\n");
    }

    @Test
    void setOverridesTheEntryWorkersFrontMatter() throws IOException {
        cli.write("other.yaml", "- text: overridden\n");
        worker("main.worker", "name: main\nmodel: scripted:write.yaml\n", "Answer.");
        var result = cli.run("run", "main.worker", "--set", "model=scripted:other.yaml", "hi");

        assertThat(result.out()).isEqualTo("overridden\n");
        var bad = cli.run("run", "main.worker", "--set", "nonsense", "hi");
        assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err().strip().lines()).hasSize(1);
    }

    @Test
    void setOnAProgramIsRefusedRatherThanIgnored() throws IOException {
        cli.write("other.yaml", "- text: overridden\n");
        cli.write("prog.toml", """
                [model]
                name = "scripted:write.yaml"
                [prompt]
                system = "Answer."
                """);
        var result = cli.run("run", "prog.toml", "--set", "model=scripted:other.yaml", "hi");

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err().strip())
                .isEqualTo(
                        "marble: error: --set model=scripted:other.yaml: --set overrides a .worker file's front"
                                + " matter, and no .worker file is given; for a .toml program use -m MODEL or edit the program");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void entriesFilesAndDuplicatesAreOneLineErrors() throws IOException {
        worker("main.worker", "name: main\nmodel: scripted:write.yaml\n", "Answer.");
        worker("helper.worker", "name: helper\nmodel: scripted:write.yaml\n", "Help.");
        worker("copy.worker", "name: main\nmodel: scripted:write.yaml\n", "Answer again.");

        var unknown = cli.run("run", "main.worker", "helper.worker", "--entry", "nobody", "hi");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("entry 'nobody' not found; available: main, helper");

        var missing = cli.run("run", "absent.worker", "hi");
        assertThat(missing.err()).contains("file not found: absent.worker");
        assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);

        var twice = cli.run("run", "main.worker", "copy.worker", "hi");
        assertThat(twice.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(twice.err()).contains("two agents are named 'main'");

        var none = cli.run("run", "just", "words");
        assertThat(none.err()).contains("no agent file");
    }

    @Test
    void aBrokenWorkerFileNamesItsLine() throws IOException {
        cli.write("main.worker", "---\nname: main\ntoolsets: [shell]\n---\nx\n");
        var result = cli.run("run", "main.worker", "hi");

        assertThat(result.exit()).isIn(ExitCodes.USAGE, ExitCodes.CONFIG);
        assertThat(result.err()).contains("main.worker:3:").contains("toolsets");
        assertThat(result.err().strip().lines()).hasSize(1);
    }

    @Test
    void javaToolsetsAreNamedByTheWorker() throws IOException {
        cli.write("Tools.java", """
                import dev.marble.tool.annotation.Tool;
                import dev.marble.tool.annotation.Param;

                public class Tools {
                    @Tool(value = "Adds two numbers", preApproved = true)
                    public int add(@Param("a") int a, @Param("b") int b) { return a + b; }
                }
                """);
        cli.write("add.yaml", """
                - tool_calls: [{name: add, arguments: {a: 2, b: 3}}]
                - text: It is 5.
                """);
        worker("main.worker", "name: main\nmodel: scripted:add.yaml\ntoolsets:\n  Tools: {}\n", "You add.");
        var result = cli.run("run", "--json", "main.worker", "Tools.java", "Add 2 and 3");

        assertThat(result.exit()).as(result.err()).isZero();
        List<JsonNode> events = result.out().lines().map(Json::parse).toList();
        assertThat(events.getLast().path("type").asString()).isEqualTo("run_finished");
        assertThat(events.getLast().path("answer").asString()).isEqualTo("It is 5.");
        assertThat(events).anySatisfy(e -> {
            assertThat(e.path("type").asString()).isEqualTo("tool_returned");
            assertThat(e.path("content").asString()).isEqualTo("5");
        });
    }

    @Test
    void aLoneProgramRunsWithoutEntryAsMarbleChatRunsIt() throws IOException {
        cli.write("helper.toml", """
                [model]
                name = "write.yaml"
                provider = "scripted"
                display_name = "Note Taker"

                [prompt]
                system_prompt = "You write notes."

                [tools]
                enabled = ["files"]
                """);
        var result = cli.run("run", "--approve-all", "helper.toml", "Write a note");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Wrote notes/a.txt.\n");
    }

    @Test
    void aLoneWorkerOfAnotherNameIsTheEntryAndTakesSet() throws IOException {
        worker("helper.worker", """
                name: helper
                model: scripted:nowhere.yaml
                toolsets:
                  filesystem:
                    write_approval: false
                """, "You write short notes.");
        var result = cli.run("run", "--set", "model=scripted:write.yaml", "helper.worker", "Write a note");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Wrote notes/a.txt.\n");
    }

    @Test
    void aFileRunCannotTakeIsAnErrorNamingItNeverAWordOfThePrompt() throws IOException {
        worker("main.worker", "name: main\nmodel: scripted:write.yaml\n", "You write short notes.");
        // tools.py is a toolset now (PythonToolsCommandTest); another file before the prompt is still refused.
        cli.write("tools.txt", "def hello(): return 'hi'\n");
        var result = cli.run("run", "main.worker", "tools.txt", "Hi");

        assertThat(result.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err())
                .isEqualTo("marble: error: tools.txt: marble run takes .worker and .toml agent files"
                        + " and .java, .jar and .py toolsets; the prompt comes after them (or on standard input)\n");
        assertThat(cli.run("run", "main.worker", "notes/todo.md", "Hi").err())
                .as("a file name, even of no file")
                .contains("notes/todo.md: marble run takes");
        assertThat(cli.project().resolve("notes")).as("nothing ran").doesNotExist();
    }

    @Test
    void wordsAfterThePromptStartsAreThePromptWhateverTheyLookLike() throws IOException {
        worker("main.worker", """
                name: main
                model: scripted:write.yaml
                toolsets:
                  filesystem:
                    write_approval: false
                """, "You write short notes.");
        cli.write("notes.md", "x");
        var result = cli.run("run", "main.worker", "Summarise", "notes.md", "please.");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(RunCommand.namesAFile(cli.project(), "Hi")).isFalse();
        assertThat(RunCommand.namesAFile(cli.project(), "hello.")).isFalse();
        assertThat(RunCommand.namesAFile(cli.project(), "Summarise notes.md")).isFalse();
        assertThat(RunCommand.namesAFile(cli.project(), "tools.py")).isTrue();
    }

    @Test
    void anLlmprocProgramRunsWithItsEnabledTools() throws IOException {
        cli.write("helper.toml", """
                [model]
                name = "write.yaml"
                provider = "scripted"

                [prompt]
                system_prompt = "You write notes."

                [tools]
                enabled = ["files"]
                """);
        var result = cli.run("run", "--approve-all", "--entry", "helper", "helper.toml", "Write a note");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Wrote notes/a.txt.\n");
        assertThat(cli.project().resolve("notes/a.txt")).exists();
    }

    @Test
    void aWorkerCallsAnotherWorkerWhichInheritsItsModel() throws IOException {
        cli.write("chat.yaml", """
                - tool_calls: [{name: helper, arguments: {input: "Say hi"}}]
                - text: hi from the helper
                - text: "The helper said: hi from the helper"
                """);
        worker("main.worker", "name: main\nmodel: scripted:chat.yaml\ntoolsets:\n  helper: {}\n", "Ask the helper.");
        worker("helper.worker", "name: helper\n", "You greet.");
        var result = cli.run("run", "--json", "main.worker", "helper.worker", "Greet me");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(Json.parse(result.out().lines().toList().getLast())
                        .path("answer")
                        .asString())
                .isEqualTo("The helper said: hi from the helper");
        List<JsonNode> started = result.out()
                .lines()
                .map(Json::parse)
                .filter(e -> e.path("type").asString().equals("run_started"))
                .toList();
        assertThat(started).hasSize(2);
        assertThat(started.get(1).path("kind").asString()).isEqualTo("delegate");
        assertThat(started.get(1).path("parent_run_id").asString())
                .isEqualTo(started.get(0).path("run_id").asString());
        assertThat(started.get(1).path("model").asString()).isEqualTo("scripted:chat.yaml");
    }

    @Test
    void aWorkerCannotListItselfAndUnknownToolsetsListWhatThereIs() throws IOException {
        worker("main.worker", "name: main\nmodel: scripted:write.yaml\ntoolsets:\n  main: {}\n", "Loop.");
        var self = cli.run("run", "main.worker", "hi");
        assertThat(self.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(self.err()).contains("main.worker:5:3: toolsets.main: worker 'main' lists itself");

        worker("main.worker", "name: main\nmodel: scripted:write.yaml\ntoolsets:\n  helpr: {}\n", "Loop.");
        worker("helper.worker", "name: helper\n", "Help.");
        var unknown = cli.run("run", "main.worker", "helper.worker", "hi");
        assertThat(unknown.err())
                .contains("no toolset or worker 'helpr'")
                .contains("available: helper, shell, filesystem");
    }

    @Test
    void aProgramSpawnsItsLinkedProgram() throws IOException {
        cli.write("main.yaml", """
                - tool_calls: [{name: spawn, arguments: {program_name: expert, query: "What is in the repo?"}}]
                - text: "The expert says: two files."
                """);
        cli.write("expert.yaml", "- text: two files\n");
        cli.write("expert.toml", """
                [model]
                name = "expert.yaml"
                provider = "scripted"

                [prompt]
                system_prompt = "You know the repository."
                """);
        cli.write("main.toml", """
                [model]
                name = "main.yaml"
                provider = "scripted"

                [prompt]
                system_prompt = "You answer, asking the expert."

                [tools]
                enabled = ["spawn"]

                [linked_programs]
                expert = "expert.toml"
                """);
        var result = cli.run("run", "--entry", "main", "main.toml", "What is in the repo?");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("The expert says: two files.\n");
    }
}
