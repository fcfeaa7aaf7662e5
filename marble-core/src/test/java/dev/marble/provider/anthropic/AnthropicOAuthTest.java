package dev.marble.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.config.ConfigLoader;
import dev.marble.config.Environment;
import dev.marble.json.Json;
import dev.marble.model.ChatOptions;
import dev.marble.model.ChatRequest;
import dev.marble.model.Message;
import dev.marble.model.ServerTool;
import dev.marble.model.StreamListener;
import dev.marble.provider.ChatModel;
import dev.marble.provider.ProviderContext;
import dev.marble.provider.UnavailableChatModel;
import dev.marble.provider.http.HttpTransport;
import dev.marble.secret.OAuthTokenStore;
import dev.marble.secret.OAuthTokens;
import dev.marble.secret.SecretRedactor;
import dev.marble.secret.oauth.OAuthEndpoints;
import dev.marble.secret.oauth.OAuthLogin;
import dev.marble.secret.oauth.OAuthTokenClient;
import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeAuthorizationServer;
import dev.marble.testkit.FakeReply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The anthropic provider with a {@code marble oauth login} and no key: the fake Messages API takes only the stored
 * token as a Bearer (and sees the OAuth beta), and a token about to expire is refreshed at the fake authorization
 * server first.
 */
class AnthropicOAuthTest {

    private static final String ACCESS = "storedAccessToken-0123456789";
    private static final String REFRESH = "storedRefreshToken-0123456789";

    @TempDir
    Path temp;

    private final FakeAnthropicServer api = FakeAnthropicServer.start();
    private final FakeAuthorizationServer auth = FakeAuthorizationServer.start("client");
    private final Map<String, String> variables = new HashMap<>();
    private Path home;
    private Path project;
    private final SecretRedactor redactor = new SecretRedactor();

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectories(temp.resolve("home"));
        project = Files.createDirectories(temp.resolve("project"));
        Files.writeString(project.resolve("marble.json"), """
                {"oauth": {"anthropic": {"authorize_url": "%s", "token_url": "%s", "client_id": "client"}}}
                """.formatted(auth.authorizeUrl(), auth.tokenUrl()));
        variables.put("ANTHROPIC_BASE_URL", api.baseUrl());
    }

    @AfterEach
    void stop() {
        api.close();
        auth.close();
    }

    private OAuthTokenStore store() {
        return new OAuthTokenStore(home.resolve(".config/marble/oauth.json"), new SecretRedactor());
    }

    private ChatModel model() {
        Environment environment = new Environment(variables, project, home);
        AnthropicProviderFactory factory = new AnthropicProviderFactory();
        var spec = factory.builtIns(environment).getFirst().spec();
        var context =
                new ProviderContext(environment, ConfigLoader.load(environment), HttpTransport.create(), redactor);
        return factory.create(spec, "claude-test", context);
    }

    private static ChatRequest hello(List<ServerTool> tools) {
        return new ChatRequest(
                "You answer.",
                List.of(Message.user("Hi")),
                List.of(),
                ChatOptions.builder().serverTools(tools).build());
    }

    @Test
    void withoutAKeyTheStoredTokenGoesAsABearerWithTheOAuthBeta() {
        store().save("anthropic", new OAuthTokens(ACCESS, REFRESH, Instant.now().plusSeconds(3600)));
        api.requireApiKey(ACCESS).enqueue(FakeReply.text("hello"));

        assertThat(model().chat(hello(List.of()), StreamListener.NONE).text()).isEqualTo("hello");

        assertThat(api.lastRequest().header("authorization")).isEqualTo("Bearer " + ACCESS);
        assertThat(api.lastRequest().header("x-api-key")).isNull();
        assertThat(api.lastRequest().header("anthropic-beta")).isEqualTo(AnthropicProviderFactory.OAUTH_BETA);
        assertThat(auth.tokenRequests()).isEmpty();
        assertThat(redactor.redact("token " + ACCESS)).doesNotContain(ACCESS);
    }

    @Test
    void aRefreshTheServerRefusesLeavesTheProviderUnavailableSayingWhyAndHowToLogInAgain() {
        store().save("anthropic", new OAuthTokens(ACCESS, REFRESH, Instant.now().plusSeconds(60)));
        ChatModel model = model();

        // the fake refuses a refresh token it never issued
        assertThat(model).isInstanceOf(UnavailableChatModel.class);
        assertThat(((UnavailableChatModel) model).reason())
                .contains("cannot refresh the anthropic login", "invalid_grant", "marble oauth login")
                .doesNotContain(REFRESH);
        assertThat(auth.tokenRequests().getFirst())
                .containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", REFRESH);
    }

    @Test
    void aRefreshTheServerAcceptsReplacesTheStoredTokens() throws Exception {
        // log in against the fake for real, so it knows the refresh token, with a token that is due at once
        auth.expiresIn(60);
        loginThroughTheFake();
        auth.expiresIn(3600);
        api.requireApiKey(auth.accessToken(3)).enqueue(FakeReply.text("fresh"));

        assertThat(model().chat(hello(List.of()), StreamListener.NONE).text()).isEqualTo("fresh");

        assertThat(auth.tokenRequests().getLast())
                .containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", auth.refreshToken(2));
        OAuthTokens now = store().read("anthropic").orElseThrow();
        assertThat(now.accessToken()).isEqualTo(auth.accessToken(3));
        assertThat(now.refreshToken()).isEqualTo(auth.refreshToken(3));
        assertThat(now.needsRefresh(Instant.now())).isFalse();
    }

    /** {@code marble oauth login}'s flow, the test following the URL as a browser would. */
    private void loginThroughTheFake() {
        Environment environment = new Environment(variables, project, home);
        OAuthEndpoints endpoints = OAuthEndpoints.anthropic(environment, ConfigLoader.load(environment));
        OAuthLogin login = new OAuthLogin(
                endpoints,
                new OAuthTokenClient(endpoints, HttpClient.newHttpClient(), Clock.systemUTC()),
                store(),
                new SecureRandom());
        HttpClient browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        login.login(
                url -> Thread.startVirtualThread(() -> {
                    try {
                        browser.send(
                                HttpRequest.newBuilder(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.discarding());
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }),
                Duration.ofSeconds(30));
    }

    @Test
    void anApiKeyWinsAndTheTokenIsNeverSent() {
        store().save("anthropic", new OAuthTokens(ACCESS, REFRESH, Instant.now().plusSeconds(3600)));
        variables.put("ANTHROPIC_API_KEY", "the-api-key-0123456789");
        api.requireApiKey("the-api-key-0123456789").enqueue(FakeReply.text("keyed"));

        assertThat(model().chat(hello(List.of()), StreamListener.NONE).text()).isEqualTo("keyed");

        assertThat(api.lastRequest().header("authorization")).isNull();
        assertThat(api.lastRequest().header("anthropic-beta")).isNull();
    }

    @Test
    void anExpiredLoginWithoutARefreshTokenSaysToLogInAgain() {
        store().save("anthropic", new OAuthTokens(ACCESS, null, Instant.now().minusSeconds(10)));

        ChatModel model = model();

        assertThat(model).isInstanceOf(UnavailableChatModel.class);
        assertThat(((UnavailableChatModel) model).reason())
                .contains("login expired", "marble oauth login --provider anthropic");
        assertThat(api.requestCount()).isZero();
    }

    @Test
    void serverToolBetasAreAddedToTheOAuthBetaNotInsteadOfIt() {
        store().save("anthropic", new OAuthTokens(ACCESS, REFRESH, Instant.now().plusSeconds(3600)));
        api.requireApiKey(ACCESS).enqueue(FakeReply.text("ok"));

        model().chat(hello(List.of(new ServerTool(ServerTool.Kind.WEB_FETCH, null, null, null))), StreamListener.NONE);

        assertThat(api.lastRequest().header("anthropic-beta"))
                .isEqualTo(AnthropicProviderFactory.OAUTH_BETA + ",web-fetch-2025-09-10");
        assertThat(Json.write(api.lastRequest().body())).doesNotContain(ACCESS);
    }
}
