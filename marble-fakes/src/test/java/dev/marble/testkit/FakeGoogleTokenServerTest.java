package dev.marble.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FakeGoogleTokenServerTest {

    private static final String ACCOUNT = "robot@project.iam.gserviceaccount.com";
    private static final String BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private static KeyPair account;
    private static KeyPair stranger;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private FakeGoogleTokenServer server;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        account = generator.generateKeyPair();
        stranger = generator.generateKeyPair();
    }

    @BeforeEach
    void start() {
        server = FakeGoogleTokenServer.start(clock)
                .serviceAccount(ACCOUNT, account.getPublic())
                .authorizedUser("client-1.apps", "client-secret-1", "refresh-token-1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aJwtSignedByTheAccountsKeyGetsATokenThatExpiresOnTheServersClock() throws Exception {
        server.expiresIn(120);
        HttpResponse<String> response = exchange(jwt(account.getPrivate(), claims(server.tokenUrl(), 0, 3600)));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Wire.json(response.body());
        String token = body.path("access_token").asString();
        assertThat(token).isEqualTo(server.accessToken(1));
        assertThat(body.path("expires_in").asLong()).isEqualTo(120);
        assertThat(server.isCurrent(token)).isTrue();
        assertThat(server.verifiedClaims()).hasSize(1);

        clock.advance(Duration.ofSeconds(121));
        assertThat(server.isCurrent(token)).isFalse();
        assertThat(server.isCurrent("ya29.never-issued")).isFalse();
    }

    @Test
    void aJwtSignedByAnotherKeyIsRefused() throws Exception {
        HttpResponse<String> response = exchange(jwt(stranger.getPrivate(), claims(server.tokenUrl(), 0, 3600)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Wire.json(response.body()).path("error").asString()).isEqualTo("invalid_grant");
        assertThat(Wire.json(response.body()).path("error_description").asString())
                .isEqualTo("Invalid JWT Signature.");
        assertThat(server.issuedCount()).isZero();
    }

    @Test
    void wrongAudienceScopeOrTimesAreRefused() throws Exception {
        String now = "\"iat\": " + clock.instant().getEpochSecond();
        for (String claims : new String[] {
            claims("https://elsewhere.example/token", 0, 3600),
            claims(server.tokenUrl(), 0, 3600).replace("cloud-platform", "devstorage.read_only"),
            claims(server.tokenUrl(), 0, 7200),
            claims(server.tokenUrl(), -7200, 3600),
            claims(server.tokenUrl(), 600, 3600),
            "{\"iss\": \"" + ACCOUNT + "\", \"scope\": \"" + FakeGoogleTokenServer.CLOUD_PLATFORM + "\", \"aud\": \""
                    + server.tokenUrl() + "\", " + now + "}"
        }) {
            HttpResponse<String> response = exchange(jwt(account.getPrivate(), claims));
            assertThat(response.statusCode()).as(claims).isEqualTo(400);
        }
        assertThat(server.issuedCount()).isZero();
    }

    @Test
    void anAuthorizedUsersRefreshTokenGetsATokenOnlyWithItsClientSecret() throws Exception {
        HttpResponse<String> good =
                post("grant_type=refresh_token&client_id=client-1.apps&client_secret=client-secret-1"
                        + "&refresh_token=refresh-token-1");
        HttpResponse<String> badSecret = post("grant_type=refresh_token&client_id=client-1.apps"
                + "&client_secret=guess&refresh_token=refresh-token-1");
        HttpResponse<String> badToken = post("grant_type=refresh_token&client_id=client-1.apps"
                + "&client_secret=client-secret-1&refresh_token=stolen");

        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(server.isCurrent(Wire.json(good.body()).path("access_token").asString()))
                .isTrue();
        assertThat(badSecret.statusCode()).isEqualTo(400);
        assertThat(badToken.statusCode()).isEqualTo(400);
    }

    private String claims(String audience, long issuedOffset, long lifetime) {
        long iat = clock.instant().getEpochSecond() + issuedOffset;
        return "{\"iss\": \"" + ACCOUNT + "\", \"scope\": \"" + FakeGoogleTokenServer.CLOUD_PLATFORM + "\", \"aud\": \""
                + audience + "\", \"iat\": " + iat + ", \"exp\": " + (iat + lifetime) + "}";
    }

    private static String jwt(PrivateKey key, String claims) throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String input = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + url.encodeToString(rsa.sign());
    }

    private HttpResponse<String> exchange(String assertion) throws Exception {
        return post("grant_type=" + URLEncoder.encode(BEARER, StandardCharsets.UTF_8) + "&assertion=" + assertion);
    }

    private HttpResponse<String> post(String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.tokenUrl()))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return Wire.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A clock a test moves by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
