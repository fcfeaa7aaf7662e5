package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command sees the project's .env and the one beside the program it runs, as LLMProc's users expect. */
class DotEnvCommandTest {

    private static final String KEY = "sk-ant-dotenv-0123456789";

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
    }

    @Test
    void theProjectsDotEnvGivesPipeItsKeyAndTheKeyIsNeverShown() throws IOException {
        try (FakeAnthropicServer anthropic = FakeAnthropicServer.start().requireApiKey(KEY)) {
            cli.write(
                    ".env",
                    "# keys\nexport ANTHROPIC_BASE_URL=" + anthropic.baseUrl() + "\nANTHROPIC_API_KEY=\"" + KEY
                            + "\"\n");
            anthropic.enqueue(FakeReply.text("Hello."));

            var result = cli.run("pipe", "-m", "anthropic:claude-sonnet-4-6", "hi");

            assertThat(result.exit()).as(result.err()).isZero();
            assertThat(anthropic.lastRequest().header("x-api-key")).isEqualTo(KEY);
            assertThat(result.out()).contains("Hello.");
            assertThat(result.out() + result.err()).doesNotContain(KEY);
        }
    }

    @Test
    void aDotEnvBesideTheProgramIsReadAndTheRealEnvironmentStillWins() throws IOException {
        try (FakeAnthropicServer anthropic = FakeAnthropicServer.start().requireApiKey(KEY)) {
            cli.env("ANTHROPIC_API_KEY", KEY);
            cli.write(
                    "programs/.env",
                    "ANTHROPIC_BASE_URL=" + anthropic.baseUrl() + "\nANTHROPIC_API_KEY=sk-ant-wrong-000000\n");
            cli.write("programs/helper.toml", """
                    [model]
                    name = "claude-sonnet-4-6"
                    provider = "anthropic"
                    [prompt]
                    system_prompt = "Be brief."
                    """);
            anthropic.enqueue(FakeReply.text("Brief."));

            var result = cli.run("run", "programs/helper.toml", "hi");

            assertThat(result.exit()).as(result.err()).isZero();
            assertThat(result.out()).contains("Brief.");
            assertThat(anthropic.lastRequest().header("x-api-key")).isEqualTo(KEY);
        }
    }

    @Test
    void aMalformedLineIsAOneLineWarningNamingFileAndLine() throws IOException {
        cli.write(".env", "GOOD=1\nthis is not an assignment\n");
        cli.write("r.yaml", "- text: fine\n");

        var result = cli.run("pipe", "-m", "scripted:r.yaml", "hi");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err())
                .contains("warning: " + cli.project().resolve(".env") + ":2: expected KEY=VALUE")
                .doesNotContain("this is not");
    }
}
