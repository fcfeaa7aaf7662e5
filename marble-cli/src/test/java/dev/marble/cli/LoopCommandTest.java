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

/** marble loop, in-process, with replayed models and the real built-in tools in a temporary workspace. */
class LoopCommandTest {

    @TempDir
    Path temp;

    private CliRunner cli;

    private static final String WRITE_AND_FINISH = """
            - text: Writing the note.
              tool_calls: [{name: write_file, arguments: {path: notes/hello.txt, content: "hello\\n"}}]
            - text: "Wrote notes/hello.txt. TASK_COMPLETE"
            """;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.write("write.yaml", WRITE_AND_FINISH);
    }

    @Test
    void headlessRunsRefuseWritesAndTellTheModel() {
        var result = cli.stdin("").run("loop", "-m", "scripted:write.yaml", "Write a note");
        assertThat(result.exit()).isZero();
        assertThat(cli.project().resolve("notes/hello.txt")).doesNotExist();
        assertThat(result.err())
                .contains("[denied] write_file: denied: nobody can approve it in a headless run")
                .doesNotContain("[tool error] write_file")
                .contains("[marble loop] completed: the model wrote TASK_COMPLETE | 2 turns");
        assertThat(result.out()).contains("Writing the note.").contains("Wrote notes/hello.txt.");
    }

    @Test
    void approveAllLetsTheRunWrite() throws IOException {
        var result = cli.run("loop", "--headless", "--approve-all", "-m", "scripted:write.yaml", "Write a note");
        assertThat(result.exit()).isZero();
        assertThat(Files.readString(cli.project().resolve("notes/hello.txt"))).isEqualTo("hello\n");
    }

    @Test
    void aPersonApprovesAtTheTerminal() throws IOException {
        var result = cli.typing("s\n").run("loop", "-m", "scripted:write.yaml", "Write a note");
        assertThat(result.exit()).isZero();
        // A write is asked about as the change it makes: a unified diff, not the raw arguments; not coloured in a pipe.
        assertThat(result.err())
                .contains("marble: write_file creates notes/hello.txt:\n--- /dev/null\n+++ b/notes/hello.txt\n"
                        + "@@ -0,0 +1 @@\n+hello\n  (write_file needs approval by default)  y = once, s = for this run")
                .doesNotContain("\u001b[");
        assertThat(cli.project().resolve("notes/hello.txt")).exists();

        cli.write("write2.yaml", WRITE_AND_FINISH.replace("hello.txt", "other.txt"));
        var denied = cli.typing("n not that folder\n").run("loop", "-m", "scripted:write2.yaml", "Write a note");
        assertThat(denied.err()).contains("[denied] write_file: denied: the user said no: not that folder");
        assertThat(cli.project().resolve("notes/other.txt")).doesNotExist();
    }

    @Test
    void allowRulesFromTheCommandLineAndConfiguration() throws IOException {
        var flagged = cli.stdin("").run("loop", "--allow", "write_file(notes/*)", "-m", "scripted:write.yaml", "Write");
        assertThat(flagged.exit()).isZero();
        assertThat(cli.project().resolve("notes/hello.txt")).exists();
        Files.delete(cli.project().resolve("notes/hello.txt"));

        cli.write(
                "marble.json",
                "{\"approvals\": {\"allow\": [\"write_file(notes/*)\"], \"deny\": [\"write_file(*.txt)\"]}}");
        var denied = cli.run("loop", "--headless", "--approve-all", "-m", "scripted:write.yaml", "Write");
        assertThat(denied.err()).contains("[denied] write_file: denied by rule 'write_file(*.txt)' (marble.json:1)");
        assertThat(cli.project().resolve("notes/hello.txt")).doesNotExist();
    }

    @Test
    void jsonPrintsEveryEventAsALine() {
        var result = cli.run("loop", "--json", "--approve-all", "-m", "scripted:write.yaml", "Write a note");
        assertThat(result.exit()).isZero();
        List<JsonNode> events = result.out().lines().map(Json::parse).toList();
        assertThat(events)
                .extracting(e -> e.path("type").asString())
                .contains(
                        "run_started",
                        "turn_started",
                        "text_delta",
                        "model_call_finished",
                        "tool_called",
                        "approval_decided",
                        "tool_returned",
                        "run_finished");
        JsonNode last = events.getLast();
        assertThat(last.path("type").asString()).isEqualTo("run_finished");
        assertThat(last.path("ending").asString()).isEqualTo("completed");
        assertThat(last.path("turns").asInt()).isEqualTo(2);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void aConversationCanBeExportedAndContinued() throws IOException {
        var first = cli.run(
                "loop",
                "--headless",
                "--approve-all",
                "--export-conversation",
                "saved.json",
                "-m",
                "scripted:write.yaml",
                "Write a note");
        assertThat(first.exit()).isZero();
        JsonNode saved = Json.parse(Files.readString(cli.project().resolve("saved.json")));
        assertThat(saved.path("format").asString()).isEqualTo("marble-conversation");
        assertThat(saved.path("messages")).hasSize(4);

        cli.write("more.yaml", "- {text: \"Added a second line. TASK_COMPLETE\"}\n");
        var second = cli.run(
                "loop",
                "--json",
                "-m",
                "scripted:more.yaml",
                "--import-conversation",
                "saved.json",
                "--export-conversation",
                "saved.json",
                "Now add a second line");
        assertThat(second.exit()).isZero();
        assertThat(Json.parse(Files.readString(cli.project().resolve("saved.json")))
                        .path("messages"))
                .hasSize(6);
    }

    @Test
    void anLlmLoopExportCanBeImported() throws IOException {
        cli.write("llm-loop.json", """
                [{"prompt": "List files", "response": "Looking.",
                  "tool_calls": [{"name": "list_directory", "arguments": {"path": "."}, "tool_call_id": "t1"}]},
                 {"prompt": "", "response": "There are two files.", "tool_calls": []}]""");
        cli.write("go.yaml", "- {text: \"Continuing. TASK_COMPLETE\"}\n");
        var result = cli.run(
                "loop",
                "--headless",
                "-m",
                "scripted:go.yaml",
                "--import-conversation",
                "llm-loop.json",
                "--export-conversation",
                "out.json");
        assertThat(result.exit()).isZero();
        JsonNode messages =
                Json.parse(Files.readString(cli.project().resolve("out.json"))).path("messages");
        // user, assistant with the call, its placeholder result, assistant, "Continue working on the goal.", answer
        assertThat(messages).hasSize(6);
        assertThat(messages.get(2).path("parts").get(0).path("content").asString())
                .contains("not recorded in the llm-loop export");
    }

    @Test
    void limitsEndTheRunWithExitCodeSix() throws IOException {
        cli.write("forever.yaml", "- tool_calls: [{name: list_directory, arguments: {}}]\n".repeat(10));
        var result = cli.stdin("").run("loop", "--max-turns", "3", "-m", "scripted:forever.yaml", "Look around");
        assertThat(result.exit()).isEqualTo(6);
        assertThat(result.err()).contains("[marble loop] max_turns: reached 3 turns (--max-turns 3) | 3 turns");
    }

    @Test
    void toolsDebugShowsResultsInFull() {
        var result = cli.env("LLM_TOOLS_DEBUG", "true")
                .run("loop", "--headless", "--approve-all", "-m", "scripted:write.yaml", "Write");
        assertThat(result.err())
                .contains("--- turn 1 ---")
                .contains("[result] write_file in ")
                .contains("[approved] write_file");
    }

    @Test
    void llmModelIsHonouredAndBadInputIsAUsageError() {
        var viaEnv = cli.env("LLM_MODEL", "scripted:write.yaml").run("loop", "--headless", "Write");
        assertThat(viaEnv.exit()).isZero();
        assertThat(cli.run("loop", "-m", "scripted:write.yaml").err()).contains("no goal");
        assertThat(cli.run("loop", "-m", "scripted:write.yaml", "--max-turns", "-1", "x")
                        .exit())
                .isEqualTo(2);
        assertThat(cli.run("loop", "-m", "scripted:write.yaml", "-C", "nowhere", "x")
                        .err())
                .contains("-C nowhere: no such folder");
        assertThat(cli.run("loop", "-m", "scripted:write.yaml", "--allow", "bad(", "x")
                        .err())
                .contains("--allow");
    }

    @Test
    void javaToolsFromAFileJoinTheRun() throws IOException {
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
                - text: "It is 5. TASK_COMPLETE"
                """);
        var result = cli.run("loop", "--json", "--functions", "Tools.java", "-m", "scripted:add.yaml", "Add 2 and 3");
        assertThat(result.exit()).as(result.err()).isZero();
        JsonNode returned = result.out()
                .lines()
                .map(Json::parse)
                .filter(e -> e.path("type").asString().equals("tool_returned"))
                .findFirst()
                .orElseThrow();
        assertThat(returned.path("content").asString()).isEqualTo("5");
    }

    @Test
    void duplicateToolNamesNameBothSources() throws IOException {
        cli.write("Tools.java", """
                import dev.marble.tool.annotation.Tool;
                public class Tools {
                    @Tool("Reads a file my way")
                    public String read_file(String path) { return path; }
                }
                """);
        var result = cli.run("loop", "--functions", "Tools.java", "-m", "scripted:write.yaml", "x");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("two tools are named 'read_file': one from files, one from Tools.java");
        assertThat(cli.run("tools", "--no-builtins", "--functions", "Tools.java")
                        .out())
                .contains("read_file");
    }

    @Test
    void theJournalShowsRunsAndEveryDecision() {
        cli.stdin("").run("loop", "-m", "scripted:write.yaml", "Write a note");
        var runs = cli.run("logs", "--runs");
        assertThat(runs.out())
                .contains("loop")
                .contains("completed")
                .contains("2 turns")
                .contains("\"Write a note\"");
        String id = Json.parse(cli.run("logs", "--runs", "--json").out().strip())
                .path("id")
                .asString();
        var events = cli.run("logs", "--run", id);
        assertThat(events.out())
                .contains("approval_requested write_file: write_file needs approval by default")
                .contains("approval_decided   write_file DENIED by headless")
                .contains("run_finished       completed: the model wrote TASK_COMPLETE (2 turns)");
        assertThat(cli.run("logs", "--run", "nope").exit()).isEqualTo(2);
    }

    @Test
    void toolsListsWhatARunWouldHave() {
        var result = cli.run("tools");
        assertThat(result.exit()).isZero();
        assertThat(result.out())
                .containsPattern("read_file +files +allow")
                .containsPattern("write_file +files +ask")
                .containsPattern("run_command +shell +ask")
                .contains("9 tools.");
        var json = Json.parse(cli.run("tools", "--json").out());
        assertThat(json).hasSize(9);
        assertThat(json.get(0).path("input_schema").path("type").asString()).isEqualTo("object");
    }
}
