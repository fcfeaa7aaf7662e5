package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile model in a real {@code marble loop} reads a copy of the token file and echoes a variable holding the
 * access token: neither token reaches the output, the journal on disk, or {@code marble logs}.
 */
class OAuthCliSecurityTest {

    private static final String ACCESS = "loopAccessTokenValue0123456789";
    private static final String REFRESH = "loopRefreshTokenValue0123456789";

    @TempDir
    Path temp;

    @Test
    void aLoopThatReadsTheTokensLeavesNoneInOutputJournalOrLogs() throws IOException {
        CliRunner cli = new CliRunner(temp).env("INNOCENT_LOOKING", ACCESS).env("PATH", "/usr/bin:/bin");
        String tokens = "{\"anthropic\": {\"access_token\": \"" + ACCESS + "\", \"refresh_token\": \"" + REFRESH
                + "\", \"expires_at\": \"2030-01-01T00:00:00Z\"}}\n";
        Path file = cli.home().resolve(".config/marble/oauth.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, tokens);
        cli.write("oauth-backup.json", tokens);
        cli.write("replies.yaml", """
                - tool_calls: [{name: run_command, arguments: {command: "cat oauth-backup.json"}}]
                - tool_calls: [{name: run_command, arguments: {command: "echo copied=$INNOCENT_LOOKING"}}]
                - text: "TASK_COMPLETE"
                """);

        var loop = cli.run("loop", "--json", "--approve-all", "-m", "scripted:replies.yaml", "Read the tokens");
        var logs = cli.run("logs", "--json");

        assertThat(loop.exit()).as(loop.err()).isZero();
        assertThat(loop.out()).contains("[redacted:ANTHROPIC_OAUTH_ACCESS_TOKEN]");
        for (String text : new String[] {loop.out(), loop.err(), logs.out(), logs.err()}) {
            assertThat(text).doesNotContain(ACCESS, REFRESH);
        }
        Path journal = cli.project().resolve(".marble/journal.db");
        assertThat(journal).exists();
        try (var files = Files.list(journal.getParent())) {
            for (Path each : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(each), StandardCharsets.ISO_8859_1))
                        .as("%s holds no token", each)
                        .doesNotContain(ACCESS, REFRESH);
            }
        }
    }
}
