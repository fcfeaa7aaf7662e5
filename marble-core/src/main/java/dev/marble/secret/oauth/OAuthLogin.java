package dev.marble.secret.oauth;

import dev.marble.secret.OAuthTokenStore;
import dev.marble.secret.OAuthTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The authorization code flow with PKCE, start to end: a callback server on loopback, the authorization URL handed
 * to whoever shows it (printed, and opened in a browser where there is one), the code the browser brings back
 * exchanged for tokens, the tokens stored.
 */
public final class OAuthLogin {

    private final OAuthEndpoints endpoints;
    private final OAuthTokenClient tokens;
    private final OAuthTokenStore store;
    private final SecureRandom random;

    public OAuthLogin(OAuthEndpoints endpoints, OAuthTokenClient tokens, OAuthTokenStore store, SecureRandom random) {
        this.endpoints = endpoints;
        this.tokens = tokens;
        this.store = store;
        this.random = random;
    }

    /** Logs in: {@code showUrl} gets the authorization URL once the callback server listens. */
    public OAuthTokens login(Consumer<String> showUrl, Duration timeout) {
        Pkce pkce = Pkce.generate(random);
        String state = Pkce.randomToken(random);
        try (OAuthCallbackServer callback = OAuthCallbackServer.start(state)) {
            showUrl.accept(authorizeUrl(pkce, state, callback.redirectUri()));
            String code = callback.awaitCode(timeout);
            OAuthTokens received = tokens.exchange(code, pkce.verifier(), callback.redirectUri());
            store.save(endpoints.provider(), received);
            return received;
        }
    }

    String authorizeUrl(Pkce pkce, String state, String redirectUri) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", endpoints.clientId());
        query.put("redirect_uri", redirectUri);
        query.put("scope", endpoints.scopes());
        query.put("code_challenge", pkce.challenge());
        query.put("code_challenge_method", Pkce.METHOD);
        query.put("state", state);
        String separator = endpoints.authorizeUrl().contains("?") ? "&" : "?";
        return endpoints.authorizeUrl()
                + separator
                + query.entrySet().stream()
                        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
    }
}
