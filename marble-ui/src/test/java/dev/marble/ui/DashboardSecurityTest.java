package dev.marble.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard can stop and start chains, so a page of any other site must not drive it: not by a form or fetch
 * from another origin (CSRF), not through a name that resolves to 127.0.0.1 (DNS rebinding), not over the network
 * without the access token. And everything a model wrote is shown, never run.
 */
class DashboardSecurityTest {

    @TempDir
    Path temp;

    private FixedBoard board;
    private Dashboard dashboard;
    private URI base;

    @BeforeEach
    void start() {
        board = new FixedBoard(temp);
        JournalFixture.write(temp.resolve(".marble"), "echo <img src=x onerror=alert(1)> " + JournalFixture.SECRET);
        dashboard = Dashboard.start(
                InetAddress.getLoopbackAddress(), 0, board, new JournalRunHistory(temp.resolve(".marble")));
        base = URI.create("http://127.0.0.1:" + dashboard.port());
    }

    @AfterEach
    void stop() {
        dashboard.close();
    }

    private String csrf() throws Exception {
        return Http.csrf(Http.get(base.resolve("/chains/nightly")).body());
    }

    @Test
    void aPostWithoutThePagesTokenIsRefused() throws Exception {
        var response = Http.post(base.resolve("/api/chains/nightly/stop"));
        assertThat(response.statusCode()).isEqualTo(403);
        var wrong = Http.post(base.resolve("/api/chains/nightly/stop"), AccessPolicy.CSRF_HEADER, "0".repeat(48));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(board.actions).isEmpty();
    }

    @Test
    void aPostFromAnotherOriginIsRefusedEvenWithTheToken() throws Exception {
        String token = csrf();
        var response = Http.post(
                base.resolve("/api/chains/nightly/stop-now"),
                AccessPolicy.CSRF_HEADER,
                token,
                "Origin",
                "http://evil.example");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(board.actions).isEmpty();
    }

    @Test
    void thePagesOwnPostActs() throws Exception {
        var response = Http.post(
                base.resolve("/api/chains/nightly/stop"),
                AccessPolicy.CSRF_HEADER,
                csrf(),
                "Origin",
                "http://127.0.0.1:" + dashboard.port());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(board.actions).containsExactly("nightly stop");
    }

    @Test
    void aRebindingPageNamingAnotherHostIsRefused() throws Exception {
        int port = dashboard.port();
        assertThat(Http.statusWithHost(port, "GET", "/api/chains", "evil.example:" + port))
                .contains(" 403 ");
        assertThat(Http.statusWithHost(port, "GET", "/", "127.0.0.1.evil.example"))
                .contains(" 403 ");
        assertThat(Http.statusWithHost(port, "POST", "/api/chains/nightly/stop", "evil.example"))
                .contains(" 403 ");
        assertThat(Http.statusWithHost(port, "GET", "/api/chains", "localhost:" + port))
                .contains(" 200 ");
        assertThat(Http.statusWithHost(port, "GET", "/", "127.0.0.1:" + port)).contains(" 200 ");
        assertThat(board.actions).isEmpty();
    }

    @Test
    void boundElsewhereEveryRequestNeedsTheAccessToken() throws Exception {
        dashboard.close();
        dashboard = Dashboard.start(
                InetAddress.getByName("0.0.0.0"), 0, board, new JournalRunHistory(temp.resolve(".marble")));
        base = URI.create("http://127.0.0.1:" + dashboard.port());
        String token = dashboard.accessToken().orElseThrow();
        assertThat(token).hasSizeGreaterThanOrEqualTo(32);

        assertThat(Http.get(base.resolve("/")).statusCode()).isEqualTo(403);
        assertThat(Http.get(base.resolve("/api/chains")).statusCode()).isEqualTo(403);
        assertThat(Http.get(base.resolve("/events")).statusCode()).isEqualTo(403);
        assertThat(Http.get(base.resolve("/?token=wrong")).statusCode()).isEqualTo(403);
        assertThat(Http.post(base.resolve("/api/chains/nightly/stop")).statusCode())
                .isEqualTo(403);

        var first = Http.get(base.resolve("/?token=" + token));
        assertThat(first.statusCode()).isEqualTo(200);
        String cookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
        var withCookie = Http.get(base.resolve("/api/chains"), "Cookie", cookie.substring(0, cookie.indexOf(';')));
        assertThat(withCookie.statusCode()).isEqualTo(200);
        assertThat(dashboard.uri().toString()).contains("token=" + token);
        assertThat(board.actions).isEmpty();
    }

    @Test
    void htmlInAHandoffIsShownNotRun() throws Exception {
        board.handoff = "## Status\n<script>alert('x')</script>\n\n<img src=x onerror=alert(2)>\n\n"
                + "[click](javascript:alert(3)) and `<b>code</b>`";
        String page = Http.get(base.resolve("/chains/nightly")).body();
        assertThat(page)
                .doesNotContain("<script>alert")
                .doesNotContain("<img src=x")
                .doesNotContain("javascript:")
                .doesNotContain("<b>code")
                .contains("&lt;script&gt;alert")
                .contains("&lt;img src=x onerror=alert(2)&gt;");
    }

    @Test
    void htmlAndSecretsInAToolCallsArgumentsAreInert() throws Exception {
        String page = Http.get(base.resolve("/runs/run-tool")).body();
        assertThat(page)
                .contains("&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<img src=x")
                .doesNotContain(JournalFixture.SECRET);
        assertThat(Http.get(base.resolve("/api/runs/run-tool")).body()).doesNotContain(JournalFixture.SECRET);
    }

    @Test
    void everyPageForbidsInlineScriptsAndFraming() throws Exception {
        var response = Http.get(base.resolve("/"));
        String policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self'").contains("frame-ancestors 'none'");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void aChainNameCannotReachOutsideTheProject() throws Exception {
        assertThat(Http.get(base.resolve("/chains/..%2F..%2Fetc")).statusCode()).isEqualTo(404);
        assertThat(Http.get(base.resolve("/assets/..%2Fmarble.js")).statusCode())
                .isEqualTo(404);
    }
}
