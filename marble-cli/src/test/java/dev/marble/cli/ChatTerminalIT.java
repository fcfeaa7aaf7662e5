package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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
    private TmuxScreen screen;

    private static Path root() {
        return Path.of(System.getProperty("marble.root", "..")).toAbsolutePath().normalize();
    }

    @BeforeEach
    void setUp() throws Exception {
        screen = TmuxScreen.forTest("chat");
        project = Files.createDirectories(temp.resolve("project"));
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
        if (screen != null) screen.tmux("kill-server");
    }

    @Test
    void aPersonEditsLinesRecallsHistoryInterruptsAnAnswerAndLeavesWithCtrlD() throws Exception {
        String command = "env HOME=" + temp + " " + root().resolve("marble") + " chat main.worker; echo EXIT=$? > "
                + temp.resolve("exit.txt");
        screen.tmux("new-session", "-d", "-x", "120", "-y", "40", "-c", project.toString(), command);
        screen.awaitScreen("marble chat: main on scripted:replies.yaml", 120);

        screen.keys("hello there", "Enter");
        screen.awaitScreen("main> Hello, person.", 20);
        assertThat(screen.screen()).contains("You> hello there");

        screen.keys("Up");
        screen.awaitScreen("> hello there", 10);
        screen.keys("C-u");
        // Line editing: type, jump to the start of the line, insert there.
        screen.keys("wrld", "C-a", "hi ", "Enter");
        screen.awaitScreen("Second answer.", 20);

        screen.keys("take your time", "Enter");
        Thread.sleep(1500);
        screen.keys("C-c");
        screen.awaitScreen("(interrupted; the conversation so far is kept)", 20);
        assertThat(screen.screen()).doesNotContain("far too late");

        screen.keys("/save saved.json", "Enter");
        screen.awaitScreen("(saved", 10);
        screen.keys("C-d");
        Path exit = temp.resolve("exit.txt");
        for (int i = 0; i < 600 && !Files.exists(exit); i++) Thread.sleep(50);
        assertThat(Files.exists(exit))
                .as("exited; the screen: %s", screen.screen())
                .isTrue();
        assertThat(exit).hasContent("EXIT=0");

        String saved = Files.readString(project.resolve("saved.json"));
        assertThat(saved).contains("hello there", "hi wrld", "Second answer.", "take your time");
        assertThat(Files.readString(project.resolve(".marble/chat_history"))).contains("hello there", "hi wrld");
    }
}
