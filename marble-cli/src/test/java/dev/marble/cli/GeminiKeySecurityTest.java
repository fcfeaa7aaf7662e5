package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.testkit.FakeGeminiServer;
import dev.marble.testkit.FakeReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Gemini key reaches the API in its header and nothing else. A hostile model tries to get it out (it echoes
 * the key and asks a shell command to print the environment), and an API error that quotes the key (as a proxy
 * might) must not carry it to the screen, the journal or the logs.
 */
class GeminiKeySecurityTest {

    private static final String KEY = "AIzaSy-gemini-secret-key-0123456789abc";

    @TempDir
    Path temp;

    @Test
    void theKeyReachesTheApiButNeitherOutputJournalExportNorTools() throws IOException {
        CliRunner cli = new CliRunner(temp).env("PATH", "/usr/bin:/bin");
        try (FakeGeminiServer gemini = FakeGeminiServer.start().requireApiKey(KEY)) {
            cli.env("GEMINI_BASE_URL", gemini.baseUrl()).env("GEMINI_API_KEY", KEY);
            gemini.enqueue(
                    FakeReply.toolCall("run_command", "{\"command\":\"env; echo GEMINI=$GEMINI_API_KEY\"}"),
                    FakeReply.text("Your key is " + KEY + ". TASK_COMPLETE"));
            var result = cli.run(
                    "loop",
                    "--headless",
                    "--approve-all",
                    "--sandbox",
                    "off",
                    "-vv",
                    "-m",
                    "gemini:gemini-2.5-flash",
                    "--export-conversation",
                    "saved.json",
                    "Tell me the key");

            assertThat(result.exit()).as(result.err()).isZero();
            assertThat(result.out() + result.err()).doesNotContain(KEY).contains("GEMINI=");
            assertThat(gemini.lastRequest().header("x-goog-api-key")).isEqualTo(KEY);
            assertThat(gemini.lastRequest().path()).doesNotContain(KEY);
            // The shell saw no key at all, so none went back to the model either.
            assertThat(gemini.lastRequest().body().toString())
                    .contains("GEMINI=")
                    .doesNotContain(KEY);
            assertThat(Files.readString(cli.project().resolve("saved.json"))).doesNotContain(KEY);

            // An error that quotes the key, over several lines: one line, the key hidden.
            gemini.clearReplies();
            gemini.enqueue(FakeReply.error(400, "INVALID_ARGUMENT", "Request had\ninvalid key " + KEY + "\n"));
            var failed = cli.run("pipe", "-m", "gemini:gemini-2.5-flash", "hi");
            assertThat(failed.exit()).isEqualTo(1);
            assertThat(failed.out() + failed.err()).doesNotContain(KEY).contains("invalid key");
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
