package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person sees, in-process: -q, -v and -vv meaning the same on loop, run, pipe and chain start; colour only at
 * a terminal and never under NO_COLOR or --no-color; the spinner only at a terminal; write and edit approvals as diffs.
 */
class TerminalOutputTest {

    private static final String ESC = "\u001b[";
    /** A colour or style code; the spinner's line erasing is not one. */
    private static final String SGR = "\u001b\\[[0-9;]*m";

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.write("write.yaml", """
                - text: Writing the note.
                  tool_calls: [{name: write_file, arguments: {path: notes/a.txt, content: "a\\n"}}]
                - text: "Wrote it. TASK_COMPLETE"
                """);
        cli.write("tool.yaml", """
                - tool_calls: [{name: list_directory, arguments: {}}]
                - text: The answer.
                """);
        cli.write(
                "main.worker", "---\nname: main\nmodel: scripted:tool.yaml\ntoolsets:\n  filesystem: {}\n---\nLook.\n");
    }

    @Test
    void runVerboseShowsProgressOnStandardErrorAndTheAnswerOnceOnStandardOutput() {
        var result = cli.run("run", "-v", "main.worker", "Look");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("The answer.\n");
        assertThat(result.err())
                .contains("[tool] list_directory")
                .contains("[marble run] answered")
                .doesNotContain("The answer.");
    }

    @Test
    void runVeryVerboseStreamsTheTextWhenStandardErrorIsNotATerminal() {
        var result = cli.run("run", "-vv", "main.worker", "Look");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("The answer.\n");
        assertThat(result.err()).contains("--- turn 1 ---").contains("[result] list_directory");
    }

    @Test
    void quietLeavesTheResultAloneOnEveryCommandThatPrintsProgress() throws IOException {
        var loop = cli.run("loop", "-q", "--approve-all", "--headless", "-m", "scripted:write.yaml", "Write");
        assertThat(loop.exit()).isZero();
        assertThat(loop.err()).isEmpty();
        assertThat(loop.out()).contains("Wrote it.");

        var run = cli.run("run", "-q", "main.worker", "Look");
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("The answer.\n");

        cli.write("hello.yaml", "- text: Hello.\n");
        var pipe = cli.run("pipe", "-q", "-m", "scripted:hello.yaml", "hi");
        assertThat(pipe.err()).as("only the replay warning, which -q keeps").doesNotContain("[tool]");
        assertThat(pipe.out()).isEqualTo("Hello.\n");

        cli.write("chains/c.json", """
                {"max_rounds": 1, "defaults": {"model": "scripted:hello.yaml"}, "links": [{"name": "w", "prompt": "Say hello now."}]}
                """);
        var chain = cli.run("chain", "start", "-q", "c");
        assertThat(chain.exit()).as(chain.err()).isZero();
        assertThat(chain.out()).isEmpty();
        assertThat(chain.err()).isEmpty();
        assertThat(Files.readString(cli.project().resolve("logs/c.log")))
                .as("the log is still written")
                .contains("w: OK");

        var normal = cli.run("chain", "start", "--reset", "c");
        assertThat(normal.out()).contains("w: OK");
        assertThat(normal.err()).contains("1 round;").doesNotContain("1 rounds");

        assertThat(cli.run("loop", "-q", "-v", "-m", "scripted:write.yaml", "Write")
                        .exit())
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void colourAtATerminalNoneWhenPipedNorUnderNoColorNorWithNoColor() throws IOException {
        var coloured =
                cli.terminalError().run("loop", "--approve-all", "--headless", "-m", "scripted:write.yaml", "Write");
        assertThat(coloured.exit()).isZero();
        assertThat(coloured.err())
                .contains(ESC + "36m[tool] write_file" + ESC + "0m")
                .contains(ESC + "32mfree");

        var noColorVariable = new CliRunner(temp.resolve("b")).terminalError().env("NO_COLOR", "1");
        copyReplies(noColorVariable);
        assertThat(noColorVariable
                        .run("loop", "--approve-all", "--headless", "-m", "scripted:write.yaml", "Write")
                        .err())
                .contains("[tool] write_file")
                .doesNotContainPattern(SGR);

        var flag = new CliRunner(temp.resolve("c")).terminalError();
        copyReplies(flag);
        assertThat(flag.run("--no-color", "loop", "--approve-all", "--headless", "-m", "scripted:write.yaml", "Write")
                        .err())
                .contains("[tool] write_file")
                .doesNotContainPattern(SGR);
        assertThat(flag.run("loop", "--no-color", "--approve-all", "--headless", "-m", "scripted:write.yaml", "Write")
                        .err())
                .contains("[tool] write_file")
                .doesNotContainPattern(SGR);

        var pipedRunner = new CliRunner(temp.resolve("e"));
        copyReplies(pipedRunner);
        var piped = pipedRunner.run("loop", "--approve-all", "--headless", "-m", "scripted:write.yaml", "Write");
        assertThat(piped.err() + piped.out()).contains("[tool] write_file").doesNotContain(ESC);
    }

    @Test
    void errorsAreRedAtATerminal() {
        var error = cli.terminalError().run("pipe", "-m", "scripted:missing.yaml", "hi");
        assertThat(error.exit()).isNotZero();
        assertThat(error.err()).contains(ESC + "1;31mmarble: error:" + ESC + "0m");
        assertThat(cli.terminalError()
                        .env("NO_COLOR", "yes")
                        .run("pipe", "-m", "scripted:missing.yaml", "hi")
                        .err())
                .contains("\nmarble: error:")
                .doesNotContainPattern(SGR);
    }

    @Test
    void aSpinnerShowsTheWaitAtATerminalAndNeverInAPipe() throws IOException {
        cli.write("slow.yaml", "- {text: Finally., delay_ms: 700}\n");
        var terminal = cli.terminalError().run("pipe", "-m", "scripted:slow.yaml", "hi");
        assertThat(terminal.exit()).isZero();
        assertThat(terminal.err()).contains("waiting for scripted:slow.yaml");
        assertThat(terminal.err()).as("the spinner is erased at the end").endsWith(ESC + "K");

        var piped = new CliRunner(temp.resolve("d"));
        piped.write("slow.yaml", "- {text: Finally., delay_ms: 300}\n");
        assertThat(piped.run("pipe", "-m", "scripted:slow.yaml", "hi").err()).doesNotContain("waiting for");
        assertThat(cli.terminalError()
                        .run("pipe", "-q", "-m", "scripted:slow.yaml", "hi")
                        .err())
                .doesNotContain("waiting for");
    }

    @Test
    void anEditIsAskedAboutAsAColouredDiffOfWhatTheFileWouldBecome() throws IOException {
        cli.write("notes/todo.txt", "milk\neggs\nbread\n");
        cli.write("edit.yaml", """
                - tool_calls: [{name: edit_file, arguments: {path: notes/todo.txt, old_string: eggs, new_string: cheese}}]
                - text: "Changed. TASK_COMPLETE"
                """);
        var result = cli.terminalError().typing("y\n").run("loop", "-m", "scripted:edit.yaml", "Edit");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err())
                .contains("changes notes/todo.txt:")
                .contains(ESC + "1m--- a/notes/todo.txt" + ESC + "0m")
                .contains(ESC + "36m@@ -1,3 +1,3 @@" + ESC + "0m")
                .contains(ESC + "31m-eggs" + ESC + "0m")
                .contains(ESC + "32m+cheese" + ESC + "0m")
                .contains(" milk")
                .doesNotContain("marble: run edit_file");
        assertThat(cli.project().resolve("notes/todo.txt")).hasContent("milk\ncheese\nbread\n");
    }

    private void copyReplies(CliRunner other) {
        try {
            other.write("write.yaml", Files.readString(cli.project().resolve("write.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
