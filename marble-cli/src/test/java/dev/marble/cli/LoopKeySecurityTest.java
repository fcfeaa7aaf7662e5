package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code marble loop --key KEY}: the key reaches the provider and nothing else. A hostile model tries to get it
 * out: it echoes the key in its answer and asks a shell command to print the environment.
 */
class LoopKeySecurityTest {

    private static final String KEY = "sk-ant-given-on-the-command-line-0123456789";

    @TempDir
    Path temp;

    @Test
    void theKeyReachesTheProviderButNeitherOutputJournalExportNorTools() throws IOException {
        CliRunner cli = new CliRunner(temp).env("PATH", "/usr/bin:/bin");
        try (FakeAnthropicServer anthropic = FakeAnthropicServer.start()) {
            cli.env("ANTHROPIC_BASE_URL", anthropic.baseUrl());
            // A request without the key (or with another) is answered 401, and the run would fail.
            anthropic.requireApiKey(KEY);

            for (String[] extra : new String[][] {{}, {"--json"}}) {
                anthropic.clearReplies();
                anthropic.enqueue(
                        FakeReply.toolCall("run_command", "{\"command\":\"env; echo ANTHROPIC=$ANTHROPIC_API_KEY\"}"),
                        FakeReply.text("Your key is " + KEY + ". TASK_COMPLETE"));
                var args = Stream.concat(
                                Stream.of(
                                        "loop",
                                        "--headless",
                                        "--approve-all",
                                        "--sandbox",
                                        "off",
                                        "-vv",
                                        "--key",
                                        KEY,
                                        "-m",
                                        "claude-test-model",
                                        "--export-conversation",
                                        "saved.json"),
                                Stream.concat(Stream.of(extra), Stream.of("Tell me the key")))
                        .toArray(String[]::new);
                var result = cli.run(args);

                assertThat(result.exit()).as(result.err()).isZero();
                assertThat(result.out() + result.err()).doesNotContain(KEY).contains("ANTHROPIC=");
                // The shell saw no key at all, not even one redacted afterwards.
                assertThat(anthropic.lastRequest().body().toString())
                        .contains("ANTHROPIC=")
                        .doesNotContain("ANTHROPIC=[redacted")
                        .doesNotContain(KEY);
                assertThat(Files.readString(cli.project().resolve("saved.json")))
                        .doesNotContain(KEY);
            }
        }
        try (Stream<Path> files = Files.walk(cli.project().resolve(".marble"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                        .as(file.toString())
                        .doesNotContain(KEY);
            }
        }
    }
}
