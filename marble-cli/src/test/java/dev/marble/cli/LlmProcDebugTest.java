package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenRequest;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code LLMPROC_DEBUG=true} on a program that spawns a linked program, against the fake Anthropic server: the link
 * graph when the program loads, then which program spawned which with what prompt size, and the child's outcome.
 */
class LlmProcDebugTest {

    private static final String KEY = "sk-ant-api03-LLMPROCDEBUGTESTKEY0123456789";
    private static final String QUERY = "What is six times seven?";

    @TempDir
    Path temp;

    private CliRunner cli;
    private final FakeAnthropicServer anthropic = FakeAnthropicServer.start();

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.env("ANTHROPIC_BASE_URL", anthropic.baseUrl()).env("ANTHROPIC_API_KEY", KEY);
        cli.write("main.toml", """
                [model]
                name = "claude-sonnet-4-6"
                provider = "anthropic"

                [prompt]
                system_prompt = "You delegate."

                [tools]
                enabled = ["spawn"]

                [linked_programs]
                expert = "experts/expert.toml"
                """);
        cli.write("experts/expert.toml", """
                [model]
                name = "claude-sonnet-4-6"
                provider = "anthropic"

                [prompt]
                system_prompt = "You multiply."
                """);
    }

    @AfterEach
    void stop() {
        anthropic.close();
    }

    private FakeReply delegateTo(String program, SeenRequest request) {
        if (request.system().startsWith("You multiply.")) return FakeReply.text("42");
        if (!request.messages().getLast().toolResults().isEmpty()) return FakeReply.text("The expert says 42.");
        return FakeReply.toolCall("spawn", "{\"program_name\": \"" + program + "\", \"query\": \"" + QUERY + "\"}");
    }

    @Test
    void itSaysWhatIsLinkedWhoSpawnedWhomAndHowTheChildEnded() {
        anthropic.requireApiKey(KEY).respondWith(request -> delegateTo("expert", request));
        cli.env("LLMPROC_DEBUG", "true");

        CliRunner.Result result = cli.run("run", "main.toml", "-p", "Ask the expert");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("The expert says 42.\n");
        assertThat(result.err())
                .contains("LLMPROC_DEBUG: program main (main.toml): model anthropic:claude-sonnet-4-6, tools spawn,"
                        + " links expert → experts/expert.toml")
                .contains("LLMPROC_DEBUG: program expert (expert.toml): model anthropic:claude-sonnet-4-6,"
                        + " tools none, no linked programs")
                .containsPattern("LLMPROC_DEBUG: spawn: main → expert \\(run \\S+, prompt " + QUERY.length()
                        + " chars, model anthropic:claude-sonnet-4-6\\)")
                .containsPattern(
                        "LLMPROC_DEBUG: expert \\(run \\S+\\) answered after 1 turn in \\d+ ms, answer 2 chars");
        assertThat(result.err()).as("sizes, not the prompt itself").doesNotContain(QUERY);
    }

    @Test
    void aSpawnOfAnUnknownProgramIsReported() {
        anthropic.requireApiKey(KEY).respondWith(request -> delegateTo("nobody", request));
        cli.env("LLMPROC_DEBUG", "1");

        CliRunner.Result result = cli.run("run", "main.toml", "-p", "Ask the expert");

        assertThat(result.err())
                .contains("LLMPROC_DEBUG: spawn from main failed: Program 'nobody' not found. Available programs:"
                        + " expert");
    }

    @Test
    void withoutTheVariableNothingIsSaid() {
        anthropic.requireApiKey(KEY).respondWith(request -> delegateTo("expert", request));

        CliRunner.Result result = cli.run("run", "main.toml", "-p", "Ask the expert");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err()).doesNotContain("LLMPROC_DEBUG");
    }
}
