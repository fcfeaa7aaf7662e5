package dev.marble.secret.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.secret.SecretRedactor;
import dev.marble.secret.oauth.OAuthException;
import dev.marble.testkit.FakeGoogleTokenServer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Access tokens from both kinds of Google credentials, against a token endpoint that verifies what it is sent. */
class GoogleAccessTokensTest {

    private static final String ACCOUNT = "runner@proj.iam.gserviceaccount.com";
    private static KeyPair keys;

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final SecretRedactor redactor = new SecretRedactor();
    private FakeGoogleTokenServer google;

    @BeforeAll
    static void generate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    @BeforeEach
    void start() {
        google = FakeGoogleTokenServer.start(clock)
                .serviceAccount(ACCOUNT, keys.getPublic())
                .authorizedUser("1234.apps.googleusercontent.com", "gcloud-client-secret", "1//refresh-abcdef123456");
    }

    @AfterEach
    void stop() {
        google.close();
    }

    private GoogleAccessTokens tokens(GoogleCredentials credentials) {
        return new GoogleAccessTokens(credentials, HttpClient.newHttpClient(), clock, redactor);
    }

    private GoogleCredentials serviceAccount() throws IOException {
        Path file = dir.resolve("sa.json");
        Files.writeString(file, google.serviceAccountJson(ACCOUNT, keys.getPrivate(), "proj"));
        return GoogleCredentials.read(file, redactor);
    }

    @Test
    void aServiceAccountsTokenIsKeptWhileFreshAndReplacedNearItsExpiry() throws IOException {
        google.expiresIn(3600);
        GoogleAccessTokens tokens = tokens(serviceAccount());

        String first = tokens.accessToken();
        clock.advance(Duration.ofMinutes(50));
        assertThat(tokens.accessToken()).as("still fresh after 50 minutes").isEqualTo(first);
        assertThat(google.issuedCount()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(6)); // 4 minutes left: inside the refresh margin
        String second = tokens.accessToken();
        assertThat(second).isNotEqualTo(first);
        assertThat(google.isCurrent(second)).isTrue();
        assertThat(google.issuedCount()).isEqualTo(2);
        // the second JWT was signed anew, at the moved clock
        assertThat(google.verifiedClaims().get(1).path("iat").asLong())
                .isEqualTo(clock.instant().getEpochSecond());
        assertThat(google.tokenRequests().get(1).get("grant_type"))
                .isEqualTo("urn:ietf:params:oauth:grant-type:jwt-bearer");
    }

    @Test
    void anAuthorizedUserRefreshesWithItsRefreshTokenAndClientSecret() throws IOException {
        Path file = dir.resolve("adc.json");
        Files.writeString(
                file,
                google.authorizedUserJson(
                        "1234.apps.googleusercontent.com", "gcloud-client-secret", "1//refresh-abcdef123456"));
        google.expiresIn(120);
        GoogleAccessTokens tokens = tokens(GoogleCredentials.read(file, redactor));

        String first = tokens.accessToken();
        String second = tokens.accessToken(); // 120 s is inside the margin: fetched again
        assertThat(google.isCurrent(first)).isTrue();
        assertThat(second).isNotEqualTo(first);
        assertThat(google.tokenRequests())
                .allSatisfy(form -> assertThat(form)
                        .containsEntry("grant_type", "refresh_token")
                        .containsEntry("refresh_token", "1//refresh-abcdef123456")
                        .containsEntry("client_secret", "gcloud-client-secret"));
    }

    @Test
    void aKeyTheServerDoesNotTrustIsRefusedWithTheServersReason() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Path file = dir.resolve("other.json");
        Files.writeString(
                file,
                google.serviceAccountJson(ACCOUNT, generator.generateKeyPair().getPrivate(), "p"));
        GoogleAccessTokens tokens = tokens(GoogleCredentials.read(file, redactor));

        assertThatThrownBy(tokens::accessToken)
                .isInstanceOf(OAuthException.class)
                .hasMessageContaining("invalid_grant")
                .hasMessageContaining("Invalid JWT Signature.");
    }
}
