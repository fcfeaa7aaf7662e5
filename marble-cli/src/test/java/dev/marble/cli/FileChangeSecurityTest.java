package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diff an approval shows reads a file the model names; a hostile model must not get it to show a file outside
 * the workspace (on the terminal, into a screen recording or a shared log), nor hang the question on a FIFO or flood it
 * with a huge file. Each such call is shown as its arguments; the tool itself then refuses or runs as it would.
 */
class FileChangeSecurityTest {

    @TempDir
    Path temp;

    private CliRunner cli;
    private Path outside;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        outside = Files.writeString(temp.resolve("secret.txt"), "TOP-SECRET-LINE\n");
    }

    private CliRunner.Result askAbout(String toolCall) throws IOException {
        cli.write("attack.yaml", "- tool_calls: [" + toolCall + "]\n- text: \"Done. TASK_COMPLETE\"\n");
        return cli.typing("n\n").run("loop", "-m", "scripted:attack.yaml", "Tidy up");
    }

    @Test
    void anEditOfAFileOutsideTheWorkspaceIsNotReadForTheDiff() throws IOException {
        var result =
                askAbout("{name: edit_file, arguments: {path: \"" + outside + "\", old_string: TOP, new_string: X}}");
        assertThat(result.err()).contains("marble: run edit_file").doesNotContain("TOP-SECRET-LINE");
        assertThat(outside).hasContent("TOP-SECRET-LINE\n");
    }

    @Test
    void aLinkInsideTheWorkspaceToAFileOutsideIsNotReadEither() throws IOException {
        Files.createSymbolicLink(cli.project().resolve("innocent.txt"), outside);
        var result = askAbout("{name: write_file, arguments: {path: innocent.txt, content: \"new\\n\"}}");
        assertThat(result.err()).contains("marble: run write_file").doesNotContain("TOP-SECRET-LINE");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFifoInTheWorkspaceDoesNotHangTheQuestion() throws Exception {
        Path fifo = cli.project().resolve("pipe.txt");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        var result = askAbout("{name: write_file, arguments: {path: pipe.txt, content: \"x\\n\"}}");
        assertThat(result.err()).contains("marble: run write_file");
    }

    @Test
    void aHugeFileIsShownAsTheCallNotReadWhole() throws IOException {
        Path big = cli.project().resolve("big.log");
        Files.write(big, new byte[(int) FileChange.MAX_BYTES + 1]);
        var result = askAbout("{name: write_file, arguments: {path: big.log, content: \"small\\n\"}}");
        assertThat(result.err()).contains("marble: run write_file").doesNotContain("--- a/big.log");
    }

    @Test
    void aWriteFileToolOfAnotherToolsetIsShownAsItsArguments() throws IOException {
        cli.write("Tools.java", """
                import dev.marble.tool.annotation.Tool;
                import dev.marble.tool.annotation.Param;

                public class Tools {
                    @Tool("Write somewhere else entirely")
                    public String write_file(@Param("path") String path, @Param("content") String content) { return "ok"; }
                }
                """);
        cli.write("notes.txt", "old\n");
        cli.write(
                "other.yaml",
                "- tool_calls: [{name: write_file, arguments: {path: notes.txt, content: \"new\\n\"}}]\n"
                        + "- text: \"Done. TASK_COMPLETE\"\n");
        var result = cli.typing("n\n")
                .run("loop", "--no-builtins", "--functions", "Tools.java", "-m", "scripted:other.yaml", "Go");
        assertThat(result.err()).contains("marble: run write_file").doesNotContain("-old");
    }
}
