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
 * {@code marble chat} as a person meets it: the real launcher on a real pseudo-terminal, driven through tmux (keys
 * sent, the screen read back). Line editing, history across the session and into {@code .marble/chat_history},
 * Ctrl+C stopping an answer without ending the chat, Ctrl+D ending it.
 */
@Timeout(180)
class ChatTerminalIT {

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
        socket = "marble-chat-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Files.writeString(project.resolve("main.worker"), """
                ---
                name: main
                model: scripted:replies.yaml
                ---
                You talk with the person.
                """);
        Files.writeString(project.resolve("replies.yaml"), """
                replies:
                  - text: Hello, person.
                  - text: Second answer.
                  - {text: far too late, delay_ms: 30000}
                """);
    }

    @AfterEach
    void tearDown() throws Exception {
        tmux("kill-server");
    }

    @Test
    void aPersonEditsLinesRecallsHistoryInterruptsAnAnswerAndLeavesWithCtrlD() throws Exception {
        String command = "env HOME=" + temp + " " + root().resolve("marble") + " chat main.worker; echo EXIT=$? > "
                + temp.resolve("exit.txt");
        tmux("new-session", "-d", "-x", "120", "-y", "40", "-c", project.toString(), command);
        awaitScreen("marble chat: main on scripted:replies.yaml", 120);

        keys("hello there", "Enter");
        awaitScreen("main> Hello, person.", 20);
        assertThat(screen()).contains("You> hello there");

        keys("Up");
        awaitScreen("> hello there", 10);
        keys("C-u");
        // Line editing: type, jump to the start of the line, insert there.
        keys("wrld", "C-a", "hi ", "Enter");
        awaitScreen("Second answer.", 20);

        keys("take your time", "Enter");
        Thread.sleep(1500);
        keys("C-c");
        awaitScreen("(interrupted; the conversation so far is kept)", 20);
        assertThat(screen()).doesNotContain("far too late");

        keys("/save saved.json", "Enter");
        awaitScreen("(saved", 10);
        keys("C-d");
        Path exit = temp.resolve("exit.txt");
        for (int i = 0; i < 600 && !Files.exists(exit); i++) Thread.sleep(50);
        assertThat(Files.exists(exit)).as("exited; the screen: %s", screen()).isTrue();
        assertThat(exit).hasContent("EXIT=0");

        String saved = Files.readString(project.resolve("saved.json"));
        assertThat(saved).contains("hello there", "hi wrld", "Second answer.", "take your time");
        assertThat(Files.readString(project.resolve(".marble/chat_history"))).contains("hello there", "hi wrld");
    }

    /** Named keys (Enter, Up, C-a) are pressed; anything else is typed literally. */
    private void keys(String... keys) throws Exception {
        for (String key : keys) {
            boolean named = key.equals("Enter") || key.equals("Up") || key.matches("C-[a-z]");
            if (named) tmux("send-keys", "-t", "0", key);
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

    private String tmux(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return output;
    }
}
