package dev.marble.secret.google;

import dev.marble.secret.OAuthTokens;
import dev.marble.secret.SecretRedactor;
import dev.marble.secret.oauth.OAuthTokenClient;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Access tokens for Google Cloud APIs from one credential: fetched on first use, kept until
 * {@link OAuthTokens#REFRESH_MARGIN} before they expire, then fetched again. Every token is registered with the
 * redactor as it arrives. Safe to use from many threads; one fetch at a time.
 */
public final class GoogleAccessTokens {

    private final GoogleCredentials credentials;
    private final HttpClient http;
    private final Clock clock;
    private final SecretRedactor redactor;
    private OAuthTokens current; // guarded by this

    public GoogleAccessTokens(GoogleCredentials credentials, HttpClient http, Clock clock, SecretRedactor redactor) {
        this.credentials = credentials;
        this.http = http;
        this.clock = clock;
        this.redactor = redactor;
    }

    /**
     * A token that is good for at least the refresh margin.
     *
     * @throws dev.marble.secret.oauth.OAuthException when the token endpoint cannot be reached or refuses
     */
    public synchronized String accessToken() {
        if (current == null || current.needsRefresh(clock.instant())) {
            current = OAuthTokenClient.post(http, credentials.tokenUri(), grant(), null, clock);
            redactor.register("GOOGLE_ACCESS_TOKEN", current.accessToken());
        }
        return current.accessToken();
    }

    private Map<String, String> grant() {
        Map<String, String> form = new LinkedHashMap<>();
        switch (credentials) {
            case GoogleCredentials.ServiceAccount account -> {
                form.put("grant_type", ServiceAccountAssertion.GRANT_TYPE);
                form.put(
                        "assertion",
                        ServiceAccountAssertion.sign(
                                account, ServiceAccountAssertion.CLOUD_PLATFORM_SCOPE, clock.instant()));
            }
            case GoogleCredentials.AuthorizedUser user -> {
                form.put("grant_type", "refresh_token");
                form.put("client_id", user.clientId());
                form.put("client_secret", user.clientSecret());
                form.put("refresh_token", user.refreshToken());
            }
        }
        return form;
    }
}
