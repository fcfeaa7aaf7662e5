package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.cli.AgentFileListing.Found;
import dev.marble.cli.AgentFileListing.Kind;
import dev.marble.error.UsageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * llmproc-demo's example picker in {@code marble chat}: which files are offered (real files in a temporary project),
 * how a number is picked, and what is said where nobody can pick.
 */
class AgentPickerTest {

    private static final String TOML_PROGRAM = "[model]\nname = \"claude-sonnet-4-6\"\nprovider = \"anthropic\"\n";
    private static final String YAML_PROGRAM = "model:\n  name: claude-sonnet-4-6\n  provider: anthropic\n";

    @TempDir
    Path project;

    private void write(String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void programsAndWorkersHereAndUnderExamplesAreOfferedSortedAndNothingElse() throws IOException {
        write("helper.toml", "# a program\n[model]  # the model\nname = \"gpt-4.1\"\nprovider = \"openai\"\n");
        write("main.worker", "---\nname: main\n---\nYou help.\n");
        write("examples/minimal.toml", TOML_PROGRAM);
        write("examples/linking/main.yaml", YAML_PROGRAM);
        write("examples/linking/experts/expert.yml", YAML_PROGRAM);
        write("pyproject.toml", "[project]\nname = \"x\"\n");
        write("replies.yaml", "replies:\n  - text: hi\n");
        write("marble.json", "{}");
        write("chains/nightly.json", "{\"links\": []}");
        write("notes/inner.toml", TOML_PROGRAM); // not here, not under examples/
        write("examples/.hidden/secret.toml", TOML_PROGRAM);
        write("examples/config.yaml", "settings:\n  model: x\n");

        List<Found> found = AgentFileListing.in(project);

        assertThat(found)
                .containsExactly(
                        new Found(Path.of("examples/linking/experts/expert.yml"), Kind.PROGRAM),
                        new Found(Path.of("examples/linking/main.yaml"), Kind.PROGRAM),
                        new Found(Path.of("examples/minimal.toml"), Kind.PROGRAM),
                        new Found(Path.of("helper.toml"), Kind.PROGRAM),
                        new Found(Path.of("main.worker"), Kind.WORKER));
    }

    @Test
    void noExamplesFolderIsNoError() throws IOException {
        write("main.worker", "---\nname: main\n---\nYou help.\n");

        assertThat(AgentFileListing.in(project)).extracting(Found::path).containsExactly(Path.of("main.worker"));
    }

    private static final List<Found> THREE = List.of(
            new Found(Path.of("a.toml"), Kind.PROGRAM),
            new Found(Path.of("examples/b.worker"), Kind.WORKER),
            new Found(Path.of("examples/c.yaml"), Kind.PROGRAM));

    private record Screen(AgentPicker picker, ByteArrayOutputStream err) {
        String text() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    private static Screen typing(String... answers) {
        Deque<String> lines = new ArrayDeque<>(List.of(answers));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        TerminalPrompts prompts = new TerminalPrompts(
                prompt -> {
                    err.print(prompt);
                    return lines.poll();
                },
                err);
        return new Screen(new AgentPicker(prompts, err), bytes);
    }

    @Test
    void theListIsNumberedAndTheNumberTypedPicksTheFile() {
        Screen screen = typing("2");

        assertThat(screen.picker().pick(THREE)).contains(Path.of("examples/b.worker"));
        assertThat(screen.text())
                .contains("Agent files here and in examples/:")
                .contains("  1) a.toml             LLMProc program")
                .contains("  2) examples/b.worker  llm-do worker")
                .contains("  3) examples/c.yaml    LLMProc program")
                .contains("Pick a number (1-3, Enter to leave): ");
    }

    @Test
    void aWrongAnswerAsksAgain() {
        Screen screen = typing("7", "two", "3");

        assertThat(screen.picker().pick(THREE)).contains(Path.of("examples/c.yaml"));
        assertThat(screen.text())
                .contains("'7' is not one of the numbers 1 to 3")
                .contains("'two' is not one of the numbers 1 to 3");
    }

    @Test
    void enterQOrTheEndOfInputLeaveWithoutAFile() {
        assertThat(typing("").picker().pick(THREE)).isEmpty();
        assertThat(typing("q").picker().pick(THREE)).isEmpty();
        assertThat(typing().picker().pick(THREE)).isEmpty();
    }

    @Test
    void nothingToPickIsAUsageError() {
        assertThatThrownBy(() -> typing("1").picker().pick(List.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("no .toml, .yaml or .worker agent file is here or in examples/");
    }

    @Test
    void theUsageErrorNamesSomeFilesAndHowToNameOne() {
        List<Found> five = List.of(
                new Found(Path.of("a.toml"), Kind.PROGRAM),
                new Found(Path.of("b.toml"), Kind.PROGRAM),
                new Found(Path.of("c.toml"), Kind.PROGRAM),
                new Found(Path.of("d.toml"), Kind.PROGRAM),
                new Found(Path.of("e.toml"), Kind.PROGRAM));

        assertThat(AgentPicker.usage(five).getMessage())
                .isEqualTo("name the agent file: marble chat FILE (here: a.toml, b.toml, c.toml, … (5 in all)); at a"
                        + " terminal, marble chat alone lists them to pick from");
    }

    @Test
    void aLineIsReadWithoutTakingTheNextOne() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream("2\r\nhello\n".getBytes(StandardCharsets.UTF_8));

        assertThat(UnbufferedLines.readLine(in)).isEqualTo("2");
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
        assertThat(UnbufferedLines.readLine(in)).isNull();
    }

    @Test
    void chatWithoutAFileOutsideATerminalIsAOneLineUsageError() throws IOException {
        CliRunner cli = new CliRunner(project);
        cli.write("examples/minimal.toml", TOML_PROGRAM);
        cli.stdin("hello\n");

        CliRunner.Result result = cli.run("chat");

        assertThat(result.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.err()).contains("marble chat FILE (here: examples/minimal.toml)");
    }

    @Test
    void theChatBeginsWithALineSummingUpTheProgram() throws IOException {
        CliRunner cli = new CliRunner(project);
        cli.write("replies.yaml", "replies:\n  - text: Hello.\n");
        cli.write("expert.toml", "[model]\nname = \"replies.yaml\"\nprovider = \"scripted\"\n");
        cli.write(
                "main.toml",
                "[model]\nname = \"replies.yaml\"\nprovider = \"scripted\"\n[tools]\nenabled = [\"spawn\","
                        + " \"read_file\"]\n[linked_programs]\nexpert = \"expert.toml\"\n");

        CliRunner.Result result = cli.stdin("hi\n").run("chat", "main.toml");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err())
                .contains("program main (main.toml): model scripted:replies.yaml; tools spawn, read_file; linked"
                        + " programs expert");
    }
}
