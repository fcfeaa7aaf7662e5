package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LLMProc v0.9 programs run by marble run against the fake Anthropic server over loopback: the request carries the
 * program's prompt.system and its tools under their aliases and descriptions; prompt.user runs at once when no
 * prompt is given; and goto really rewinds the conversation the next request carries.
 */
class LaterProgramRunTest {

    private static final String KEY = "sk-ant-api03-LATERPROGRAMSECRET0123";

    @TempDir
    Path temp;

    private CliRunner cli;
    private final FakeAnthropicServer anthropic = FakeAnthropicServer.start();

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.env("ANTHROPIC_BASE_URL", anthropic.baseUrl()).env("ANTHROPIC_API_KEY", KEY);
    }

    @AfterEach
    void stop() {
        anthropic.close();
    }

    private static final String TOML = """
            [model]
            name = "claude-3-5-haiku-20241022"
            provider = "anthropic"

            [prompt]
            system = "You add numbers with your tools."
            user = "What is 6 * 7?"

            [tools]
            builtin = [
                { name = "calculator", alias = "add_up", description = "Exact arithmetic." },
                "goto",
            ]
            """;

    private static final String YAML = """
            model: {name: claude-3-5-haiku-20241022, provider: anthropic}
            prompt:
              system: You add numbers with your tools.
              user: What is 6 * 7?
            tools:
              builtin:
                - {name: calculator, alias: add_up, description: Exact arithmetic.}
                - goto
            """;

    /** Calls the aliased calculator, then goes back to the start with what it learned, then answers. */
    private static FakeReply script(SeenRequest request) {
        var last = request.messages().getLast();
        if (request.messages().size() == 1 && last.text().contains("<time_travel_message>")) {
            return FakeReply.text("It is 42.");
        }
        if (last.toolResults().isEmpty()) return FakeReply.toolCall("add_up", "{\"expression\": \"6 * 7\"}");
        return FakeReply.toolCall(
                "goto",
                "{\"position\": \"msg_0\", \"message\": \"The calculator said "
                        + last.toolResults().getFirst().content() + "; answer with it.\"}");
    }

    @Test
    void aV09TomlProgramRunsItsUserPromptWithItsSystemPromptAliasedToolsAndGoto() throws IOException {
        anthropic.requireApiKey(KEY).respondWith(LaterProgramRunTest::script);
        cli.write("adder.toml", TOML);

        var result = cli.run("run", "adder.toml");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out().strip()).isEqualTo("It is 42.");
        List<SeenRequest> requests = anthropic.requests();
        assertThat(requests).hasSize(3);

        SeenRequest first = requests.get(0);
        assertThat(first.system()).isEqualTo("You add numbers with your tools.");
        assertThat(first.toolNames()).containsExactly("add_up", "goto");
        assertThat(first.body().path("tools").get(0).path("description").asString())
                .isEqualTo("Exact arithmetic.");
        // prompt.user ran at once, with the position goto needs in front of it.
        assertThat(first.messages())
                .singleElement()
                .satisfies(m -> assertThat(m.text()).isEqualTo("[msg_0] What is 6 * 7?"));

        SeenRequest second = requests.get(1);
        assertThat(second.messages().getLast().toolResults().getFirst().content())
                .isEqualTo("42");

        // After goto the conversation is one user message: the note and the model's own message.
        SeenRequest third = requests.get(2);
        assertThat(third.messages())
                .singleElement()
                .satisfies(
                        m -> assertThat(m.text())
                                .startsWith(
                                        "[msg_0] <system_message>goto was used: the conversation went back to msg_0 and 4"
                                                + " messages from there on were removed")
                                .endsWith(
                                        "<time_travel_message>\nThe calculator said 42; answer with it.\n</time_travel_message>"));
    }

    @Test
    void theSameProgramInYamlRunsAlike() throws IOException {
        anthropic.requireApiKey(KEY).respondWith(LaterProgramRunTest::script);
        cli.write("adder.yaml", YAML);

        var result = cli.run("run", "adder.yaml");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out().strip()).isEqualTo("It is 42.");
        SeenRequest first = anthropic.requests().getFirst();
        assertThat(first.system()).isEqualTo("You add numbers with your tools.");
        assertThat(first.toolNames()).containsExactly("add_up", "goto");
    }

    @Test
    void aPromptGivenOrPipedComesBeforeTheEmbeddedOne() throws IOException {
        anthropic.requireApiKey(KEY).respondWith(request -> FakeReply.text("seen: " + request.lastUserText()));
        cli.write("adder.toml", TOML.replace("\"goto\",", ""));

        assertThat(cli.run("run", "adder.toml", "What is 1 + 1?").out().strip()).isEqualTo("seen: What is 1 + 1?");
        cli.stdin("Piped question\n");
        assertThat(cli.run("run", "adder.toml").out().strip()).isEqualTo("seen: Piped question");
        cli.stdin("   \n");
        assertThat(cli.run("run", "adder.toml").out().strip()).isEqualTo("seen: What is 6 * 7?");
    }

    @Test
    void aMistakeInAV09ProgramIsOneLineAndExitThree() throws IOException {
        cli.write("bad.toml", TOML.replace("alias = \"add_up\"", "alias = 7"));

        var result = cli.run("run", "bad.toml");

        assertThat(result.exit()).isEqualTo(3);
        assertThat(result.err().lines().filter(l -> l.startsWith("marble: error:")))
                .singleElement()
                .asString()
                .endsWith("bad.toml:11:36: tools.builtin[0].alias: expected a string, got 7");
        assertThat(result.err()).doesNotContain("\tat ");
        assertThat(anthropic.requests()).isEmpty();
    }
}
