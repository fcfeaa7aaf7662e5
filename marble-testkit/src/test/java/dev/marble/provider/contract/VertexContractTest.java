package dev.marble.provider.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.model.ChatRequest;
import dev.marble.model.ModelRef;
import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeGoogleTokenServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.contract.HttpChatModelContract;
import dev.marble.testkit.contract.HttpFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Claude on Vertex AI, configured as its users do: a service-account key in GOOGLE_APPLICATION_CREDENTIALS,
 * GOOGLE_CLOUD_PROJECT and GOOGLE_CLOUD_LOCATION; the token exchange against a fake Google token endpoint that
 * verifies the JWT's signature, and the fake Messages API at Vertex's path accepting only the tokens it issued.
 */
class VertexContractTest extends HttpChatModelContract {

    private static final String ACCOUNT = "marble-test@example-project.iam.gserviceaccount.com";
    private static final String PROJECT = "example-project";
    private static final String REGION = "us-east5";

    private static FakeGoogleTokenServer google;
    private static Path keyFile;

    @BeforeAll
    static void startGoogle() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        google = FakeGoogleTokenServer.start().serviceAccount(ACCOUNT, pair.getPublic());
        keyFile = Files.createTempDirectory("marble-vertex").resolve("service-account.json");
        Files.writeString(keyFile, google.serviceAccountJson(ACCOUNT, pair.getPrivate(), "project-from-key-file"));
    }

    @AfterAll
    static void stopGoogle() {
        google.close();
    }

    @Override
    protected HttpFixture createFixture() {
        google.expiresIn(3600);
        FakeAnthropicServer server = FakeAnthropicServer.vertex(PROJECT, REGION, google::isCurrent);
        return new HttpFixture(
                server,
                Map.of(
                        "ANTHROPIC_VERTEX_BASE_URL",
                        server.baseUrl(),
                        "GOOGLE_APPLICATION_CREDENTIALS",
                        keyFile.toString(),
                        "GOOGLE_CLOUD_PROJECT",
                        PROJECT,
                        "GOOGLE_CLOUD_LOCATION",
                        REGION),
                null,
                new ModelRef("vertex", "claude-sonnet-4-5@20250929"));
    }

    @Override
    protected boolean reportsCost() {
        return false; // as on Anthropic's API, the answer says nothing of price
    }

    @Test
    void sendsVertexsPathBodyAndBearerToken() {
        fixture.answer(FakeReply.text("ok"));
        fixture.model().chat(ChatRequest.of(null, "hi"));
        var seen = fixture.lastRequest().orElseThrow();
        assertThat(seen.path())
                .isEqualTo("/v1/projects/example-project/locations/us-east5/publishers/anthropic/models/"
                        + "claude-sonnet-4-5@20250929:rawPredict");
        assertThat(seen.body().has("model")).isFalse();
        assertThat(seen.body().path("anthropic_version").asString()).isEqualTo("vertex-2023-10-16");
        assertThat(seen.header("anthropic-version")).isNull();
        assertThat(seen.header("x-api-key")).isNull();
        assertThat(seen.header("authorization")).startsWith("Bearer ya29.");
        assertThat(google.isCurrent(seen.header("authorization").substring("Bearer ".length())))
                .isTrue();
    }

    @Test
    void aStreamedAnswerGoesToStreamRawPredict() {
        fixture.answer(FakeReply.text("streamed"));
        var collecting = new Collecting();
        var response = fixture.model().chat(ChatRequest.of(null, "hi"), collecting);
        assertThat(response.message().text()).isEqualTo("streamed");
        assertThat(fixture.lastRequest().orElseThrow().path()).endsWith(":streamRawPredict");
        assertThat(response.model().model()).isEqualTo("claude-sonnet-4-5@20250929");
    }

    @Test
    void oneTokenServesManyCallsWhileItIsFresh() {
        int before = google.issuedCount();
        var model = fixture.model();
        for (int i = 0; i < 3; i++) model.chat(ChatRequest.of(null, "call " + i));
        assertThat(google.issuedCount() - before).isEqualTo(1);
    }

    @Test
    void aTokenAboutToExpireIsReplacedBeforeTheNextCall() {
        google.expiresIn(60); // inside the refresh margin: every call needs a new one
        var model = fixture.model();
        model.chat(ChatRequest.of(null, "first"));
        String first = http().server().lastRequest().header("authorization");
        model.chat(ChatRequest.of(null, "second"));
        String second = http().server().lastRequest().header("authorization");
        assertThat(second).isNotEqualTo(first);
        var claims = google.verifiedClaims().getLast();
        assertThat(claims.path("iss").asString()).isEqualTo(ACCOUNT);
        assertThat(claims.path("aud").asString()).isEqualTo(google.tokenUrl());
        assertThat(claims.path("scope").asString()).isEqualTo(FakeGoogleTokenServer.CLOUD_PLATFORM);
    }
}
