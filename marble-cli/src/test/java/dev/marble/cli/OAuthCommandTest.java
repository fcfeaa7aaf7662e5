package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OAuthCommandTest {

    private static final String ACCESS = "accessValueForStatus0123456789";
    private static final String REFRESH = "refreshValueForStatus0123456789";

    @TempDir
    Path temp;

    private CliRunner cli;
    private Path file;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        file = cli.home().resolve(".config/marble/oauth.json");
    }

    private void storeTokens(String expiresAt) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"anthropic": {"access_token": "%s", "refresh_token": "%s", "expires_at": "%s"}}
                """.formatted(ACCESS, REFRESH, expiresAt));
    }

    @Test
    void statusSaysWhetherYouAreLoggedInAndWhenTheTokenExpiresWithoutShowingIt() throws IOException {
        var none = cli.run("oauth", "status", "--provider", "anthropic");
        assertThat(none.exit()).isZero();
        assertThat(none.out()).contains("Not logged in to anthropic", "marble oauth login --provider anthropic");

        storeTokens("2030-01-01T00:00:00Z");
        var in = cli.run("oauth", "status", "--provider", "anthropic");
        assertThat(in.exit()).as(in.err()).isZero();
        assertThat(in.out())
                .contains("Logged in to anthropic", file.toString(), "expires at 2030-01-01T00:00:00Z", "Refresh token")
                .doesNotContain(ACCESS, REFRESH);

        storeTokens("2020-01-01T00:00:00Z");
        assertThat(cli.run("oauth", "status", "--provider", "anthropic").out())
                .contains("expired at 2020-01-01T00:00:00Z");
    }

    @Test
    void logoutForgetsTheTokensAndSaysSoTwice() throws IOException {
        storeTokens("2030-01-01T00:00:00Z");
        var out = cli.run("oauth", "logout", "--provider", "anthropic");
        assertThat(out.exit()).as(out.err()).isZero();
        assertThat(out.out()).contains("Logged out of anthropic");
        assertThat(file).doesNotExist();
        assertThat(cli.run("oauth", "logout", "--provider", "anthropic").out()).contains("Not logged in");
    }

    @Test
    void anUnknownOrMissingProviderIsAUsageError() {
        var unknown = cli.run("oauth", "status", "--provider", "openai");
        assertThat(unknown.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("unknown provider 'openai'");
        assertThat(cli.run("oauth", "logout").exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aMalformedTokenFileIsAConfigErrorNamingTheFieldWithoutItsContent() throws IOException {
        storeTokens("not a time");
        var out = cli.run("oauth", "status", "--provider", "anthropic");
        assertThat(out.exit()).isEqualTo(ExitCodes.CONFIG);
        assertThat(out.err()).contains(file.toString(), "anthropic.expires_at").doesNotContain(ACCESS, REFRESH);
        assertThat(out.out()).doesNotContain(ACCESS, REFRESH);
    }

    @Test
    void helpShowsExamples() {
        var help = cli.run("oauth", "status", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("marble oauth status --provider anthropic");
        assertThat(cli.run("oauth").out()).contains("login", "status", "logout");
    }
}
