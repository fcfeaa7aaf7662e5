package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.testkit.FakeOpenAiServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenMessage;
import dev.marble.testkit.SeenRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** marble chat with a v0.9 program: its [prompt] user runs first, and --demo runs its [demo] prompts in order. */
class ProgramChatTest {

    private static final String KEY = "sk-test-programchat-0123456789";

    @TempDir
    Path temp;

    private FakeOpenAiServer server;
    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        server = FakeOpenAiServer.start();
        server.respondWith(request -> FakeReply.text("re: " + request.lastUserText()));
        cli = new CliRunner(temp).env("OPENAI_BASE_URL", server.baseUrl()).env("OPENAI_API_KEY", KEY);
        cli.write("tour.yaml", """
                model: {name: gpt-test, provider: openai}
                prompt:
                  system: You show people around.
                  user: Introduce yourself.
                demo:
                  prompts: [What can you do?, Show me one thing.]
                  pause_between_prompts: true
                """);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void theUserPromptRunsAsSoonAsTheChatStarts() {
        CliRunner.Result result = cli.stdin("And then?\nexit\n").run("chat", "tour.yaml");

        assertThat(result.exit()).as(result.err()).isZero();
        List<SeenRequest> requests = server.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).system()).isEqualTo("You show people around.");
        assertThat(requests.get(0).lastUserText()).isEqualTo("Introduce yourself.");
        assertThat(requests.get(1).messages())
                .extracting(SeenMessage::text)
                .containsExactly("Introduce yourself.", "re: Introduce yourself.", "And then?");
    }

    @Test
    void demoRunsThePromptsOneAfterAnotherInOneConversation() {
        // Piped, nobody presses Enter: the demo runs straight through, then the chat reads its lines.
        CliRunner.Result result = cli.stdin("exit\n").run("chat", "tour.yaml", "--demo");

        assertThat(result.exit()).as(result.err()).isZero();
        List<SeenRequest> requests = server.requests();
        assertThat(requests)
                .extracting(SeenRequest::lastUserText)
                .containsExactly("Introduce yourself.", "What can you do?", "Show me one thing.");
        assertThat(requests.get(2).messages()).hasSize(5);
        assertThat(result.err()).contains("You> What can you do?", "You> Show me one thing.");
        assertThat(result.out()).contains("re: Show me one thing.");
    }

    @Test
    void aProgramWithoutDemoPromptsSaysSo() throws IOException {
        cli.write("plain.toml", "[model]\nname = \"gpt-test\"\nprovider = \"openai\"\n");

        CliRunner.Result result = cli.stdin("exit\n").run("chat", "plain.toml", "--demo");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err()).contains("the program has no [demo] prompts");
        assertThat(server.requests()).isEmpty();
    }
}
