package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.FaultKind;
import dev.marble.testkit.SeenToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code marble run} of a {@code .worker} project as a person at a terminal meets it: llm-do's full-screen view, the
 * real launcher on a pseudo-terminal driven through tmux (keys sent, the screen read back), against a fake Anthropic
 * API on loopback. Both panes on screen, approvals with one key, a denial's reason reaching the model, Ctrl+C stopping
 * a slow answer and the terminal given back as it was.
 */
@Timeout(240)
class TuiTerminalIT {

    private static final String KEY = "sk-ant-api03-TUITERMINALTEST0123456789";
    /** A hostile answer: sets the terminal's title, then clears the screen. */
    private static final String TITLE_ATTACK = "\u001b]2;PWNED\u0007\u001b[2J";

    private static final String WRITE = "{\"path\":\"notes/a.txt\",\"content\":\"hi\\n\"}";

    @TempDir
    Path temp;

    private Path project;
    private TmuxScreen screen;
    private FakeAnthropicServer anthropic;

    private static Path root() {
        return Path.of(System.getProperty("marble.root", "..")).toAbsolutePath().normalize();
    }

    @BeforeEach
    void setUp() throws Exception {
        screen = TmuxScreen.forTest("tui");
        project = Files.createDirectories(temp.resolve("project"));
        anthropic = FakeAnthropicServer.start().requireApiKey(KEY);
        Files.writeString(project.resolve("main.worker"), """
                ---
                name: main
                model: anthropic:claude-sonnet-4-5
                toolsets:
                  filesystem: {}
                ---
                You write short notes.
                """);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (screen != null) screen.tmux("kill-server");
        anthropic.close();
    }

    @Test
    void bothPanesShowAndSApprovesTheCallThenTheAnswerComes() throws Exception {
        anthropic.enqueue(
                FakeReply.toolCall("write_file", WRITE).withText("I will write the note."),
                // Slow enough to read the tool's result in its pane before the run ends.
                FakeReply.text("Wrote notes/a.txt for you." + TITLE_ATTACK).withDelay(Duration.ofSeconds(3)));
        start("Write a note");

        screen.awaitScreen("Allow write_file?", 120);
        String asked = screen.screen();
        assertThat(asked)
                .contains("-- answer ", "I will write the note.")
                .contains("-- tools ", "▸ write_file {\"path\":\"notes/a.txt\"", "creates notes/a.txt:", "+hi")
                .contains("a = once · s = for this run · d = deny")
                .contains(" main · waiting for you · anthropic:claude-sonnet-4-5 · turn 1");
        assertThat(alternateScreen()).isTrue();

        screen.keys("s");
        screen.awaitScreen("✓ write_file: Created 'notes/a.txt'", 20);
        assertThat(exitCode()).isEqualTo(0);

        String after = screen.screen();
        assertThat(after).contains("Wrote notes/a.txt for you.").doesNotContain("-- tools ");
        // The model's escape sequence is shown as text and did nothing: not in the pane, not in the printed answer.
        assertThat(after).contains("^[]2;PWNED^G");
        assertThat(screen.tmux("display-message", "-p", "-t", "0", "#{pane_title}"))
                .doesNotContain("PWNED");
        assertThat(alternateScreen()).isFalse();
        assertThat(project.resolve("notes/a.txt")).hasContent("hi");
        assertThat(anthropic.requests()).hasSize(2);
    }

    @Test
    void dDeniesAndTheReasonTypedReachesTheModel() throws Exception {
        anthropic.enqueue(FakeReply.toolCall("write_file", WRITE), FakeReply.text("Understood, I will not write it."));
        start("Write a note");

        screen.awaitScreen("Allow write_file?", 120);
        screen.keys("d");
        screen.awaitScreen("Reason for the model (Enter sends · Esc goes back):", 10);
        screen.keys("not in that folder");
        screen.awaitScreen("(Enter sends · Esc goes back): not in that folder▏", 10);
        screen.keys("Enter");
        assertThat(exitCode()).isEqualTo(0);

        assertThat(screen.screen()).contains("Understood, I will not write it.");
        assertThat(project.resolve("notes/a.txt")).doesNotExist();
        List<SeenToolResult> results =
                anthropic.requests().get(1).messages().getLast().toolResults();
        assertThat(results).hasSize(1);
        assertThat(results.getFirst().isError()).isTrue();
        assertThat(results.getFirst().content()).contains("the user said no: not in that folder");
    }

    @Test
    void ctrlCStopsASlowAnswerAndGivesTheTerminalBack() throws Exception {
        anthropic.enqueue(FakeReply.fault(FaultKind.SLOW_BODY, Duration.ofSeconds(90)));
        start("Take your time");

        screen.awaitScreen("waiting for anthropic:claude-sonnet-4-5", 120);
        assertThat(alternateScreen()).isTrue();
        Thread.sleep(500);
        screen.keys("C-c");

        // Well before the 90 s the answer would take: the run stopped.
        assertThat(exitCode()).isEqualTo(130);
        assertTheTerminalIsGivenBack();
        assertThat(screen.screen()).contains("[marble run] interrupted");
    }

    /** The second Ctrl+C quits at once, without waiting for the run to wind down, and still restores the terminal. */
    @Test
    void aSecondCtrlCQuitsAtOnceAndStillGivesTheTerminalBack() throws Exception {
        anthropic.enqueue(FakeReply.fault(FaultKind.SLOW_BODY, Duration.ofSeconds(90)));
        start("Take your time");

        screen.awaitScreen("waiting for anthropic:claude-sonnet-4-5", 120);
        screen.tmux("send-keys", "-t", "0", "C-c", "C-c");

        assertThat(exitCode()).isEqualTo(130);
        assertTheTerminalIsGivenBack();
    }

    /** No alternate screen left, the cursor shown, the line discipline back to lines with echo. */
    private void assertTheTerminalIsGivenBack() throws Exception {
        assertThat(alternateScreen()).as("the alternate screen is left").isFalse();
        assertThat(screen.tmux("display-message", "-p", "-t", "0", "#{cursor_flag}")
                        .strip())
                .as("the cursor is shown")
                .isEqualTo("1");
        String settings = Files.readString(temp.resolve("stty.txt"));
        assertThat(settings).as("the terminal is back in line mode with echo").contains(" icanon", " echo ");
        assertThat(settings).doesNotContain("-icanon", "-echo ");
        assertThat(screen.screen()).doesNotContain("-- answer ");
    }

    /** The run in a tmux session that stays open after it, so its exit and the terminal's state can be read. */
    private void start(String prompt) throws Exception {
        String command = "env HOME=" + temp + " ANTHROPIC_BASE_URL=" + anthropic.baseUrl() + " ANTHROPIC_API_KEY="
                + KEY + " " + root().resolve("marble") + " run main.worker '" + prompt + "'; echo EXIT=$? > "
                + temp.resolve("exit.txt") + "; stty -a > " + temp.resolve("stty.txt") + "; exec sleep 300";
        screen.tmux("new-session", "-d", "-x", "120", "-y", "40", "-c", project.toString(), command);
    }

    private int exitCode() throws Exception {
        Path exit = temp.resolve("exit.txt");
        Path stty = temp.resolve("stty.txt");
        for (int i = 0; i < 600 && !(Files.exists(exit) && Files.exists(stty)); i++) Thread.sleep(50);
        assertThat(Files.exists(exit))
                .as("exited; the screen: %s", screen.screen())
                .isTrue();
        Thread.sleep(200); // the shell's echo and stty have finished writing
        return Integer.parseInt(Files.readString(exit).strip().substring("EXIT=".length()));
    }

    private boolean alternateScreen() throws Exception {
        return screen.tmux("display-message", "-p", "-t", "0", "#{alternate_on}")
                .strip()
                .equals("1");
    }
}
