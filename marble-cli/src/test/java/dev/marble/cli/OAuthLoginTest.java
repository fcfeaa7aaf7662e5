package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.config.Environment;
import dev.marble.json.Json;
import dev.marble.testkit.FakeAuthorizationServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code marble oauth login} against a fake authorization server on loopback, the test playing the browser: it
 * reads the printed URL and follows it with real HTTP requests, the server's redirect landing on Marble's callback.
 */
class OAuthLoginTest {

    private static final String CLIENT = "test-client-id";

    @TempDir
    Path temp;

    private FakeAuthorizationServer server;
    private Path project;
    private Path home;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final HttpClient browser =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @BeforeEach
    void setUp() throws IOException {
        server = FakeAuthorizationServer.start(CLIENT);
        project = Files.createDirectories(temp.resolve("project"));
        home = Files.createDirectories(temp.resolve("home"));
        Files.writeString(
                project.resolve("marble.json"), """
                {"oauth": {"anthropic": {"authorize_url": "%s", "token_url": "%s", "client_id": "%s"}}}
                """.formatted(server.authorizeUrl(), server.tokenUrl(), CLIENT));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private CompletableFuture<Integer> login(String... extra) {
        Map<String, String> variables = new HashMap<>(Map.of("PATH", "/nonexistent"));
        CliContext context = new CliContext(
                new Environment(variables, project, home),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false,
                false);
        String[] args = new String[4 + extra.length];
        System.arraycopy(new String[] {"oauth", "login", "--provider", "anthropic"}, 0, args, 0, 4);
        System.arraycopy(extra, 0, args, 4, extra.length);
        return CompletableFuture.supplyAsync(() -> MarbleCli.run(context, args));
    }

    /** The URL the command printed, once it has: the line that starts with two spaces and http. */
    private String printedUrl() throws InterruptedException {
        for (int i = 0; i < 1000; i++) {
            for (String line : err.toString(StandardCharsets.UTF_8).lines().toList()) {
                if (line.startsWith("  http")) return line.strip();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no URL printed; standard error: " + err.toString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theBrowserFollowingThePrintedUrlLogsInAndTheTokensAreStoredForTheOwnerOnly() throws Exception {
        CompletableFuture<Integer> exit = login("--json");
        String url = printedUrl();
        assertThat(url)
                .startsWith(server.authorizeUrl() + "?")
                .contains("code_challenge_method=S256", "client_id=" + CLIENT, "redirect_uri=http%3A%2F%2F127.0.0.1%3A")
                .doesNotContain("code_verifier");

        HttpResponse<String> landing = get(url);

        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.body()).contains("Marble is logged in");
        assertThat(landing.uri().getHost()).isEqualTo("127.0.0.1");
        assertThat(exit.get(30, TimeUnit.SECONDS))
                .as(err.toString(StandardCharsets.UTF_8))
                .isZero();
        Path file = home.resolve(".config/marble/oauth.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        var stored = Json.parse(Files.readString(file)).path("anthropic");
        assertThat(stored.path("access_token").asString()).isEqualTo(server.accessToken(2));
        assertThat(stored.path("refresh_token").asString()).isEqualTo(server.refreshToken(2));
        Map<String, String> exchange = server.tokenRequests().getFirst();
        assertThat(exchange).containsEntry("grant_type", "authorization_code").containsKey("code_verifier");
        var status = Json.parse(out.toString(StandardCharsets.UTF_8));
        assertThat(status.path("logged_in").asBoolean()).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8))
                .doesNotContain(server.accessToken(2), server.refreshToken(2), exchange.get("code_verifier"));
    }

    @Test
    void aCallbackWithAnotherStateIsRefusedAndTheLoginWaitsForTheRealOne() throws Exception {
        CompletableFuture<Integer> exit = login();
        String url = printedUrl();
        String redirect =
                java.net.URLDecoder.decode(url.replaceAll(".*redirect_uri=([^&]+).*", "$1"), StandardCharsets.UTF_8);

        HttpResponse<String> forged = get(redirect + "?code=attackerCode&state=guessed");

        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(exit).isNotDone();
        assertThat(get(url).statusCode()).isEqualTo(200);
        assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(server.tokenRequests()).hasSize(1);
        assertThat(server.tokenRequests().getFirst().get("code")).isNotEqualTo("attackerCode");
    }

    @Test
    void noCallbackWithinTheTimeoutFailsWithOneLineAndStoresNothing() throws Exception {
        CompletableFuture<Integer> exit = login("--timeout", "1");
        assertThat(exit.get(30, TimeUnit.SECONDS)).isEqualTo(ExitCodes.MODEL_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no login callback came within 1 seconds");
        assertThat(home.resolve(".config/marble/oauth.json")).doesNotExist();
    }
}
