package dev.marble.secret.oauth;

import dev.marble.secret.OAuthTokenStore;
import dev.marble.secret.OAuthTokens;
import java.time.Clock;
import java.util.Optional;

/**
 * The access token a provider sends, from the stored login: refreshed first when it expires within
 * {@link OAuthTokens#REFRESH_MARGIN}, the new tokens stored before they are used, so the next run starts from them.
 */
public final class OAuthAccess {

    private final OAuthEndpoints endpoints;
    private final OAuthTokenStore store;
    private final OAuthTokenClient client;
    private final Clock clock;

    public OAuthAccess(OAuthEndpoints endpoints, OAuthTokenStore store, OAuthTokenClient client, Clock clock) {
        this.endpoints = endpoints;
        this.store = store;
        this.client = client;
        this.clock = clock;
    }

    /**
     * The access token to send; empty when nobody logged in. Fails when the token is due and cannot be refreshed
     * (no refresh token, or the server refused it), naming the command that logs in again.
     */
    public Optional<String> accessToken() {
        String provider = endpoints.provider();
        Optional<OAuthTokens> stored = store.read(provider);
        if (stored.isEmpty()) return Optional.empty();
        OAuthTokens tokens = stored.get();
        if (!tokens.needsRefresh(clock.instant())) return Optional.of(tokens.accessToken());
        String again = "; log in again with 'marble oauth login --provider " + provider + "'";
        if (!tokens.hasRefreshToken()) {
            throw new OAuthException("the " + provider + " login expired at " + tokens.expiresAt() + again);
        }
        OAuthTokens refreshed;
        try {
            refreshed = client.refresh(tokens.refreshToken());
        } catch (OAuthException refused) {
            throw new OAuthException("cannot refresh the " + provider + " login: " + refused.getMessage() + again);
        }
        store.save(provider, refreshed);
        return Optional.of(refreshed.accessToken());
    }
}
