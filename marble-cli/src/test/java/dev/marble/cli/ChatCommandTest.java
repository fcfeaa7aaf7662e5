package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeOpenAiServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenMessage;
import dev.marble.testkit.SeenRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code marble chat} with lines piped in, against the fake OpenAI-compatible and Anthropic servers: what the model
 * receives turn after turn (the conversation kept, the system prompt and preloads kept across a reset), the
 * commands, inline approvals. The line editor at a real terminal is driven through tmux in {@code ChatTerminalIT}.
 */
class ChatCommandTest {

    private static final String KEY = "sk-test-chat-0123456789abcdef";

    @TempDir
    Path temp;

    private FakeOpenAiServer server;
    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        server = FakeOpenAiServer.start();
        cli = new CliRunner(temp).env("OPENAI_BASE_URL", server.baseUrl()).env("OPENAI_API_KEY", KEY);
        cli.write("notes.txt", "Buy milk.\n");
        cli.write("assistant.toml", """
                [model]
                name = "gpt-test"
                provider = "openai"
                [prompt]
                system_prompt = "You keep notes."
                [preload]
                files = ["notes.txt"]
                [tools]
                enabled = ["write_file"]
                """);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void everyLineContinuesTheConversationAndResetKeepsTheSystemPromptWithItsPreloads() {
        server.enqueue(
                FakeReply.text("Noted."), FakeReply.text("You asked about milk."), FakeReply.text("Hello again."));

        CliRunner.Result result = cli.stdin("Remember the milk\nWhat did I ask?\nreset\nHi\nexit\n")
                .run("chat", "assistant.toml");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("Noted.", "You asked about milk.", "Hello again.");
        List<SeenRequest> requests = server.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(1).messages())
                .extracting(SeenMessage::text)
                .containsSubsequence("Remember the milk", "Noted.", "What did I ask?");
        SeenRequest afterReset = requests.get(2);
        assertThat(afterReset.messages())
                .extracting(SeenMessage::text)
                .doesNotContain("Remember the milk")
                .contains("Hi");
        assertThat(afterReset.system()).contains("You keep notes.", "<preload>", "Buy milk.");
        assertThat(afterReset.toolNames()).containsExactly("write_file");
        assertThat(result.err()).contains("conversation cleared");
    }

    @Test
    void saveAndLoadCarryAConversationIntoANewChat() throws IOException {
        server.enqueue(FakeReply.text("Noted."));
        CliRunner.Result first =
                cli.stdin("Remember the milk\n/save saved/chat.json\n").run("chat", "assistant.toml");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(Files.readString(cli.project().resolve("saved/chat.json")))
                .contains("marble-conversation", "Remember the milk", "Noted.");

        server.enqueue(FakeReply.text("You said: milk."));
        CliRunner.Result second =
                cli.stdin("/load saved/chat.json\nWhat did I say?\n").run("chat", "assistant.toml");

        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.err()).contains("loaded 2 messages");
        assertThat(server.lastRequest().messages())
                .extracting(SeenMessage::text)
                .containsSubsequence("Remember the milk", "Noted.", "What did I say?");
    }

    @Test
    void aToolCallThePolicyAsksAboutIsAskedInlineAndADenialReachesTheModel() {
        server.enqueue(
                FakeReply.toolCall("write_file", "{\"path\":\"todo.txt\",\"content\":\"milk\"}"),
                FakeReply.text("I did not write it."));

        CliRunner.Result result =
                cli.stdin("Write it down\nn not today\nexit\n").run("chat", "assistant.toml");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err())
                .contains("marble: write_file creates todo.txt:", "+milk", "y = once, s = for this session");
        assertThat(cli.project().resolve("todo.txt")).doesNotExist();
        SeenMessage toolTurn = server.lastRequest().messages().stream()
                .filter(message -> !message.toolResults().isEmpty())
                .findFirst()
                .orElseThrow();
        assertThat(toolTurn.toolResults().getFirst().content()).contains("not today");
        assertThat(result.out()).contains("I did not write it.");
    }

    @Test
    void anApprovedCallRunsAndTheAnswerFollows() {
        server.enqueue(
                FakeReply.toolCall("write_file", "{\"path\":\"todo.txt\",\"content\":\"milk\"}"),
                FakeReply.text("Written."));

        CliRunner.Result result = cli.stdin("Write it down\ny\n").run("chat", "assistant.toml");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(cli.project().resolve("todo.txt")).hasContent("milk");
        assertThat(result.out()).contains("Written.");
    }

    @Test
    void modelSwitchesTheModelCostAndTokensSayWhatTheChatSpentAndEachAnswerEndsWithItsOwn() throws IOException {
        server.enqueue(FakeReply.text("From the server."));
        cli.write("other.yaml", "- {text: From the replay., usage: {input_tokens: 40, output_tokens: 5}}\n");

        CliRunner.Result result = cli.stdin("Hello\n/model\n/model scripted:other.yaml\nAgain\n/cost\n/tokens\n")
                .run("chat", "assistant.toml");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("From the server.", "From the replay.");
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(result.err())
                .contains("(model: openai:gpt-test)")
                .contains("(model: scripted:other.yaml from the next answer on; the conversation is kept)")
                .containsPattern("\\n  \\d+ in · \\d+ out · ")
                .contains("  40 in · 5 out · free (replayed or local)")
                .containsPattern("\\(2 answers: \\d+ in · \\d+ out · ")
                .contains("the last answer read 40 tokens of conversation and instructions");
    }

    @Test
    void commandsThatAreNotMessagesNeverReachTheModel() {
        CliRunner.Result result = cli.stdin("/help\n/frobnicate\n/save\nquit\n").run("chat", "assistant.toml");

        assertThat(result.exit()).isZero();
        assertThat(server.requestCount()).isZero();
        assertThat(result.err()).contains("/save FILE", "unknown command /frobnicate", "/save without a FILE");
    }

    @Test
    void aDoubleSlashSendsTextThatStartsWithASlash() {
        server.enqueue(FakeReply.text("A path."));

        CliRunner.Result result = cli.stdin("//etc/hosts is what?\n").run("chat", "assistant.toml");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(server.lastRequest().messages())
                .extracting(SeenMessage::text)
                .contains("/etc/hosts is what?");
    }

    @Test
    void aFailedModelCallIsOneLineAndTheChatGoesOnWithoutTheKey() {
        server.enqueue(FakeReply.error(401, "invalid_api_key", "bad key " + KEY), FakeReply.text("Back."));

        CliRunner.Result result = cli.stdin("Hello\nHello again\n").run("chat", "assistant.toml");

        assertThat(result.exit()).isZero();
        assertThat(result.err()).contains("marble: error:").doesNotContain(KEY).doesNotContain("Exception");
        assertThat(result.out()).contains("Back.");
    }

    @Test
    void aWorkerChatOnTheAnthropicServerShowsItsOwnAnswerNotItsHelpers() throws IOException {
        try (FakeAnthropicServer anthropic = FakeAnthropicServer.start()) {
            cli.env("ANTHROPIC_BASE_URL", anthropic.baseUrl()).env("ANTHROPIC_API_KEY", "sk-ant-test-0123456789");
            cli.write("main.worker", """
                    ---
                    name: main
                    model: anthropic:claude-test
                    toolsets:
                      helper: {}
                    ---
                    Ask the helper.
                    """);
            cli.write("helper.worker", """
                    ---
                    name: helper
                    ---
                    Answer briefly.
                    """);
            anthropic.enqueue(
                    FakeReply.toolCall("helper", "{\"input\":\"What is 2+2?\"}"),
                    FakeReply.text("HELPER-TEXT 4"),
                    FakeReply.text("The helper says 4."));

            CliRunner.Result result = cli.stdin("What is 2+2?\n").run("chat", "main.worker", "helper.worker");

            assertThat(result.exit()).as(result.err()).isZero();
            assertThat(result.out()).contains("The helper says 4.").doesNotContain("HELPER-TEXT");
            assertThat(result.err()).contains("[tool] helper");
            assertThat(anthropic.requests().get(1).system()).contains("Answer briefly.");
            assertThat(anthropic.requests().get(1).body().path("model").asString())
                    .isEqualTo("claude-test");
        }
    }

    @Test
    void runWithChatIsLlmDosChatModeAndItsPromptIsTheFirstMessage() {
        server.enqueue(FakeReply.text("One."), FakeReply.text("Two."));

        CliRunner.Result result = cli.stdin("And again\n")
                .run("run", "--chat", "--entry", "assistant", "assistant.toml", "Start", "here");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("One.\nTwo.\n");
        assertThat(server.lastRequest().messages())
                .extracting(SeenMessage::text)
                .containsExactly("Start here", "One.", "And again");
        assertThat(cli.run("run", "--chat", "--json", "--entry", "assistant", "assistant.toml")
                        .err())
                .contains("--chat and --json do not go together");
    }

    @Test
    void theBundledAssistantProgramChatsOffline() throws IOException {
        Path examples = Path.of("..").toAbsolutePath().normalize().resolve("examples/agents");
        for (String name : List.of("assistant.toml", "assistant-replies.yaml", "notes.txt")) {
            Files.copy(examples.resolve(name), cli.project().resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }

        CliRunner.Result result =
                cli.stdin("What do my notes say?\nWhere is the journal?\n").run("chat", "assistant.toml");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("Your notes", "The journal is .marble/journal.db");
    }

    @Test
    void anUnknownEntryListsTheAgentsAndAMissingFileIsAUsageError() {
        assertThat(cli.run("chat", "--entry", "nobody", "assistant.toml").err())
                .contains("entry 'nobody' not found; available: assistant");
        CliRunner.Result missing = cli.run("chat", "missing.toml");
        assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("file not found: missing.toml");
    }
}
