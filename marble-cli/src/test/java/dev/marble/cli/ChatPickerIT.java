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
 * {@code marble chat} without a file, as an LLMProc user meets llmproc-demo's picker: the real launcher on a real
 * pseudo-terminal, driven through tmux. The agent files are listed numbered, a wrong number is asked again, the one
 * picked is summed up in a line and then talked to.
 */
@Timeout(180)
class ChatPickerIT {

    @TempDir
    Path temp;

    private Path project;
    private TmuxScreen screen;

    private static Path root() {
        return Path.of(System.getProperty("marble.root", "..")).toAbsolutePath().normalize();
    }

    @BeforeEach
    void setUp() throws Exception {
        screen = TmuxScreen.forTest("picker");
        project = Files.createDirectories(temp.resolve("project"));
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
        if (screen != null) screen.tmux("kill-server");
    }

    @Test
    void aPersonPicksAProgramByNumberSeesItsSummaryAndTalksToIt() throws Exception {
        String command = "env HOME=" + temp + " " + root().resolve("marble") + " chat; echo EXIT=$? > "
                + temp.resolve("exit.txt");
        screen.tmux("new-session", "-d", "-x", "140", "-y", "40", "-c", project.toString(), command);
        screen.awaitScreen("Pick a number (1-3, Enter to leave):", 120);
        assertThat(screen.screen())
                .contains("Agent files here and in examples/:")
                .contains("1) examples/linking/expert.toml  LLMProc program")
                .contains("2) examples/linking/helper.toml  LLMProc program")
                .contains("3) main.worker                   llm-do worker");

        screen.keys("9", "Enter");
        screen.awaitScreen("'9' is not one of the numbers 1 to 3", 10);
        screen.keys("2", "Enter");
        screen.awaitScreen(
                "program helper (helper.toml): model scripted:replies.yaml; tools spawn; linked programs expert", 60);
        screen.awaitScreen("marble chat: helper on scripted:replies.yaml", 30);

        screen.keys("hello", "Enter");
        screen.awaitScreen("helper> Hello from the helper.", 20);
        screen.keys("C-d");
        Path exit = temp.resolve("exit.txt");
        for (int i = 0; i < 600 && !Files.exists(exit); i++) Thread.sleep(50);
        assertThat(Files.exists(exit))
                .as("exited; the screen: %s", screen.screen())
                .isTrue();
        assertThat(exit).hasContent("EXIT=0");
    }
}
