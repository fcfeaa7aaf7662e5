package dev.marble.secret;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What an OAuth login leaves behind for one provider: the bearer token the API takes, the refresh token that gets
 * a new one, and when the bearer token stops working. {@link #toString()} shows neither token, so a record that
 * ends up in a log line or an exception message does not leak them.
 */
public record OAuthTokens(String accessToken, String refreshToken, Instant expiresAt) {

    /** Refresh this long before the server says the token expires, so a request in flight does not race it. */
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    public OAuthTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the access token is expired, or will be within {@link #REFRESH_MARGIN}, at {@code now}. */
    public boolean needsRefresh(Instant now) {
        return !now.plus(REFRESH_MARGIN).isBefore(expiresAt);
    }

    public boolean hasRefreshToken() {
        return refreshToken != null && !refreshToken.isBlank();
    }

    @Override
    public String toString() {
        return "OAuthTokens[access_token=" + SecretRedactor.mask(accessToken) + ", refresh_token="
                + (hasRefreshToken() ? SecretRedactor.mask(refreshToken) : "none") + ", expires_at=" + expiresAt + "]";
    }
}
