package dev.marble.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's pages, API and change stream, over real HTTP on loopback, reading a real journal. */
class DashboardTest {

    @TempDir
    Path temp;

    private FixedBoard board;
    private Dashboard dashboard;
    private URI base;

    @BeforeEach
    void start() {
        board = new FixedBoard(temp.resolve("state"));
        JournalFixture.write(temp.resolve(".marble"), "ls -la");
        dashboard = Dashboard.start(
                InetAddress.getLoopbackAddress(), 0, board, new JournalRunHistory(temp.resolve(".marble")));
        base = URI.create("http://127.0.0.1:" + dashboard.port());
    }

    @AfterEach
    void stop() {
        dashboard.close();
    }

    @Test
    void theChainsPageAndApiShowStatusRoundAndCost() throws Exception {
        String page = Http.get(base.resolve("/")).body();
        assertThat(page).contains("nightly").contains("RUNNING").contains("/ 5").contains("$0.0123");
        var chains = Json.parse(Http.get(base.resolve("/api/chains")).body());
        assertThat(chains.get(0).path("name").asString()).isEqualTo("nightly");
        assertThat(chains.get(0).path("round").asInt()).isEqualTo(1);
        assertThat(Http.get(base.resolve("/api/chains/nope")).statusCode()).isEqualTo(404);
    }

    @Test
    void aChainPageRendersItsHandoffAsMarkdownAndHasTheThreeButtons() throws Exception {
        String page = Http.get(base.resolve("/chains/nightly")).body();
        assertThat(page)
                .contains("<h2>Task: write the docs</h2>")
                .contains("<em>fine</em>")
                .contains("data-action=\"stop\"")
                .contains("data-action=\"stop-now\"")
                .contains("data-action=\"start\"")
                .contains("worker: OK");
    }

    @Test
    void aFragmentIsTheMainPartOnly() throws Exception {
        String fragment = Http.get(base.resolve("/chains/nightly"), "X-Marble-Fragment", "1")
                .body();
        assertThat(fragment).startsWith("<h1>").doesNotContain("<html");
    }

    @Test
    void theRunsPageSearchesByTextModelDateAndOutcome() throws Exception {
        assertThat(Http.get(base.resolve("/runs")).body())
                .contains("fix the build")
                .contains("write a poem");
        assertThat(Http.get(base.resolve("/runs?model=gpt")).body())
                .contains("write a poem")
                .doesNotContain("fix the build");
        assertThat(Http.get(base.resolve("/runs?q=BUILD")).body())
                .contains("fix the build")
                .doesNotContain("write a poem");
        assertThat(Http.get(base.resolve("/runs?date=2026-12-02")).body())
                .contains("write a poem")
                .doesNotContain("fix the build");
        assertThat(Http.get(base.resolve("/runs?outcome=running")).body())
                .contains("write a poem")
                .doesNotContain("fix the build");
    }

    @Test
    void aRunShowsToolArgumentsTokensAndWhoApproved() throws Exception {
        String page = Http.get(base.resolve("/runs/run-tool")).body();
        assertThat(page)
                .contains("tool_called")
                .contains("&quot;command&quot;:&quot;ls -la&quot;")
                .contains("allowed by policy")
                .contains("120 in / 30 out");
        var json = Json.parse(Http.get(base.resolve("/api/runs/run-tool")).body());
        assertThat(json.path("events").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aChangeToAWatchedFileIsPushedToTheOpenPage() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        var response = client.send(
                HttpRequest.newBuilder(base.resolve("/events")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            CompletableFuture<String> change = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.equals("event: change")) return line;
                    }
                    return null;
                } catch (java.io.IOException e) {
                    return null;
                }
            });
            Thread.sleep(2 * Dashboard.CHANGE_INTERVAL_MILLIS);
            Files.createDirectories(temp.resolve("state/nightly"));
            Files.writeString(temp.resolve("state/nightly/round"), "2");
            assertThat(change.get(Duration.ofSeconds(20).toSeconds(), TimeUnit.SECONDS))
                    .isEqualTo("event: change");
        }
    }

    @Test
    void theAssetsShipInTheJar() throws Exception {
        var script = Http.get(base.resolve("/assets/marble.js"));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("EventSource");
        assertThat(Http.get(base.resolve("/assets/marble.css")).body()).contains("body");
        assertThat(Http.get(base.resolve("/")).body()).doesNotContain("https://");
    }
}
