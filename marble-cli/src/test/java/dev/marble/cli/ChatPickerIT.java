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
 * {@code marble chat} without a file, as an LLMProc user meets llmproc-demo's picker: the real launcher on a real
 * pseudo-terminal, driven through tmux. The agent files are listed numbered, a wrong number is asked again, the one
 * picked is summed up in a line and then talked to.
 */
@Timeout(180)
class ChatPickerIT {

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
        socket = "marble-picker-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Files.createDirectories(project.resolve("examples/linking"));
        Files.writeString(project.resolve("main.worker"), """
                ---
                name: main
                model: scripted:replies.yaml
                ---
                You talk with the person.
                """);
        Files.writeString(project.resolve("examples/linking/helper.toml"), """
                [model]
                name = "replies.yaml"
                provider = "scripted"

                [prompt]
                system_prompt = "You help."

                [tools]
                enabled = ["spawn"]

                [linked_programs]
                expert = "expert.toml"
                """);
        Files.writeString(project.resolve("examples/linking/expert.toml"), """
                [model]
                name = "replies.yaml"
                provider = "scripted"
                """);
        Files.writeString(project.resolve("replies.yaml"), """
                replies:
                  - text: Hello from the helper.
                """);
    }

    @AfterEach
    void tearDown() throws Exception {
        tmux("kill-server");
    }

    @Test
    void aPersonPicksAProgramByNumberSeesItsSummaryAndTalksToIt() throws Exception {
        String command = "env HOME=" + temp + " " + root().resolve("marble") + " chat; echo EXIT=$? > "
                + temp.resolve("exit.txt");
        tmux("new-session", "-d", "-x", "140", "-y", "40", "-c", project.toString(), command);
        awaitScreen("Pick a number (1-3, Enter to leave):", 120);
        assertThat(screen())
                .contains("Agent files here and in examples/:")
                .contains("1) examples/linking/expert.toml  LLMProc program")
                .contains("2) examples/linking/helper.toml  LLMProc program")
                .contains("3) main.worker                   llm-do worker");

        keys("9", "Enter");
        awaitScreen("'9' is not one of the numbers 1 to 3", 10);
        keys("2", "Enter");
        awaitScreen(
                "program helper (helper.toml): model scripted:replies.yaml; tools spawn; linked programs expert", 60);
        awaitScreen("marble chat: helper on scripted:replies.yaml", 30);

        keys("hello", "Enter");
        awaitScreen("helper> Hello from the helper.", 20);
        keys("C-d");
        Path exit = temp.resolve("exit.txt");
        for (int i = 0; i < 600 && !Files.exists(exit); i++) Thread.sleep(50);
        assertThat(Files.exists(exit)).as("exited; the screen: %s", screen()).isTrue();
        assertThat(exit).hasContent("EXIT=0");
    }

    /** Named keys (Enter, C-d) are pressed; anything else is typed literally. */
    private void keys(String... keys) throws Exception {
        for (String key : keys) {
            boolean named = key.equals("Enter") || key.matches("C-[a-z]");
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
