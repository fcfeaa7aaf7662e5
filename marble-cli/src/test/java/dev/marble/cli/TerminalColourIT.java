package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.testkit.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code marble loop} as a person at a real terminal sees it: the launcher on a pseudo-terminal driven through tmux,
 * the screen read back with its colours ({@code capture-pane -e}). An edit is asked about as a coloured unified diff,
 * tool calls and costs are coloured; under {@code NO_COLOR} the same screen has no colour at all.
 */
@Timeout(240)
class TerminalColourIT {

    /** The start of a foreground colour: what colour output has and colourless output must not. */
    private static final String FOREGROUND = "\u001b[3";

    @TempDir
    Path temp;

    private Path project;
    private String socket;

    private static Path root() {
        return Path.of(System.getProperty("marble.root", "..")).toAbsolutePath().normalize();
    }

    @BeforeEach
    void setUp() throws IOException {
        Peers.requireThat(
                "tmux",
                new ProcessBuilder("sh", "-c", "command -v tmux")
                                .redirectErrorStream(true)
                                .start()
                                .onExit()
                                .join()
                                .exitValue()
                        == 0,
                "tmux is not installed (apt-get install tmux)");
        project = Files.createDirectories(temp.resolve("project"));
        socket = "marble-colour-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Files.createDirectories(project.resolve("notes"));
        Files.writeString(project.resolve("notes/todo.txt"), "milk\neggs\nbread\n");
        Files.writeString(project.resolve("edit.yaml"), """
                - tool_calls: [{name: edit_file, arguments: {path: notes/todo.txt, old_string: eggs, new_string: cheese}}]
                - text: "Changed the list. TASK_COMPLETE"
                """);
    }

    @AfterEach
    void tearDown() throws Exception {
        tmux("kill-server");
    }

    @Test
    void anEditIsAskedAboutAsAColouredDiffAndTheRunIsColoured() throws Exception {
        start("");
        awaitScreen("y = once, s = for this run", 120);
        String question = colouredScreen();
        assertThat(question)
                .contains("edit_file")
                .contains("changes notes/todo.txt:")
                .contains("\u001b[31m-eggs")
                .contains("\u001b[32m+cheese")
                .contains(" milk")
                .doesNotContain("marble: run edit_file");

        keys("y", "Enter");
        awaitScreen("[marble loop] completed", 30);
        String done = colouredScreen();
        assertThat(done).contains("\u001b[36m[tool] edit_file").contains("\u001b[32mfree (replayed or local)");
        assertThat(project.resolve("notes/todo.txt")).hasContent("milk\ncheese\nbread\n");
    }

    @Test
    void noColorLeavesTheSameScreenWithoutColour() throws Exception {
        start("NO_COLOR=1 ");
        awaitScreen("y = once, s = for this run", 120);
        assertThat(screen()).contains("-eggs").contains("+cheese");
        keys("n", "Enter");
        awaitScreen("[marble loop] completed", 30);
        String done = colouredScreen();
        assertThat(done)
                .contains("[tool] edit_file")
                .contains("[denied] edit_file")
                .doesNotContain(FOREGROUND);
        assertThat(project.resolve("notes/todo.txt")).hasContent("milk\neggs\nbread\n");
    }

    private void start(String variables) throws Exception {
        String command = "env HOME=" + temp + " TERM=xterm-256color " + variables + root().resolve("marble")
                + " loop -m scripted:edit.yaml 'Swap eggs for cheese'; echo EXIT=$?; sleep 30";
        tmux("new-session", "-d", "-x", "140", "-y", "45", "-c", project.toString(), command);
    }

    /** Named keys (Enter) are pressed; anything else is typed literally. */
    private void keys(String... keys) throws Exception {
        for (String key : keys) {
            if (key.equals("Enter")) tmux("send-keys", "-t", "0", key);
            else tmux("send-keys", "-t", "0", "-l", key);
        }
    }

    private void awaitScreen(String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (screen().contains(text)) return;
            Thread.sleep(100);
        }
        assertThat(screen()).as("the screen after %d s", seconds).contains(text);
    }

    private String screen() throws Exception {
        return tmux("capture-pane", "-p", "-t", "0");
    }

    /** The screen with its colours as escape sequences. */
    private String colouredScreen() throws Exception {
        return tmux("capture-pane", "-p", "-e", "-t", "0");
    }

    private String tmux(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return output;
    }
}
