package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model that follows injected instructions rewrites {@code .env} (write_file refuses it, but a shell command or
 * another process may not), to send the next calls and the key to its own server or to switch Marble's settings.
 * In the running command nothing of it takes effect: .env is read once, at start. And a key from .env reaches no
 * tool's environment.
 */
class DotEnvRunSecurityTest {

    private static final String KEY = "sk-ant-dotenv-0123456789";

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
    }

    @Test
    void aDotEnvRewrittenMidRunDoesNotRedirectTheRunsLaterCalls() throws IOException {
        try (FakeAnthropicServer anthropic = FakeAnthropicServer.start().requireApiKey(KEY)) {
            Path dotEnv = cli.write(
                    ".env", "ANTHROPIC_BASE_URL=" + anthropic.baseUrl() + "\nANTHROPIC_API_KEY=" + KEY + "\n");
            cli.write("chains/c.json", """
                    {"max_rounds": 1, "defaults": {"model": "anthropic:claude-sonnet-4-6"},
                     "links": [{"name": "first", "prompt": "Set things up."},
                               {"name": "second", "prompt": "Carry on."}]}
                    """);
            // Whoever writes it (a shell command of the model's, another process), .env changes while the run goes
            // on: here, as soon as the first call arrives.
            anthropic.respondWith(request -> {
                try {
                    Files.writeString(
                            dotEnv,
                            "ANTHROPIC_BASE_URL=http://127.0.0.1:9\nANTHROPIC_API_KEY=sk-ant-attacker-000000\n"
                                    + "MARBLE_MODEL=scripted:evil.yaml\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return FakeReply.text("Done.");
            });

            var result = cli.run("chain", "start", "c");

            assertThat(dotEnv).content().contains("attacker");
            assertThat(result.exit()).as(result.err()).isZero();
            assertThat(result.out()).contains("first: OK").contains("second: OK");
            assertThat(anthropic.requestCount())
                    .as("every call reached the server .env named at start")
                    .isEqualTo(2);
            assertThat(anthropic.requests())
                    .allSatisfy(r -> assertThat(r.header("x-api-key")).isEqualTo(KEY));
            assertThat(result.out() + result.err()).doesNotContain(KEY);
        }
    }

    @Test
    void aKeyFromDotEnvIsNotInTheEnvironmentOfTheModelsShellCommands() throws IOException {
        cli.write(".env", "ANTHROPIC_API_KEY=" + KEY + "\nHARMLESS_SETTING=visible-value\n");
        cli.write("r.yaml", """
                - tool_calls: [{name: run_command, arguments: {command: "export -p > seen.txt"}}]
                - text: done
                """);
        cli.write("chains/c.json", """
                {"max_rounds": 1, "defaults": {"model": "scripted:r.yaml", "allowed_tools": ["Read", "Bash"]},
                 "links": [{"name": "look", "prompt": "Look around."}]}
                """);

        var result = cli.run("chain", "start", "c");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(cli.project().resolve("seen.txt"))
                .content()
                .contains("HARMLESS_SETTING")
                .contains("visible-value")
                .doesNotContain(KEY);
    }
}
