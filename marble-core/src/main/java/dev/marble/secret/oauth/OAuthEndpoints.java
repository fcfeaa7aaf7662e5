package dev.marble.secret.oauth;

import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import dev.marble.config.Setting;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a provider's OAuth flow goes: its authorization page, its token endpoint, the client id it knows Marble as,
 * and the scopes asked for. Each comes from the variable {@code MARBLE_OAUTH_<PROVIDER>_<KEY>}, else marble.json's
 * {@code oauth.<provider>.<key>}, else the provider's default; tests point them at a server on loopback.
 */
public record OAuthEndpoints(String provider, String authorizeUrl, String tokenUrl, String clientId, String scopes) {

    /** The public client id Claude Code logs in with; Anthropic's authorization server knows no other CLI client. */
    public static final String ANTHROPIC_CLIENT_ID = "9d1c250a-e61b-44d9-88ed-5944d1962f5e";

    public static final String ANTHROPIC_AUTHORIZE_URL = "https://claude.ai/oauth/authorize";
    public static final String ANTHROPIC_TOKEN_URL = "https://console.anthropic.com/v1/oauth/token";
    public static final String ANTHROPIC_SCOPES = "org:create_api_key user:profile user:inference";

    public static OAuthEndpoints anthropic(Environment environment, MarbleConfig config) {
        String provider = "anthropic";
        return new OAuthEndpoints(
                provider,
                setting(environment, config, provider, "authorize_url", ANTHROPIC_AUTHORIZE_URL),
                setting(environment, config, provider, "token_url", ANTHROPIC_TOKEN_URL),
                setting(environment, config, provider, "client_id", ANTHROPIC_CLIENT_ID),
                setting(environment, config, provider, "scopes", ANTHROPIC_SCOPES));
    }

    private static String setting(
            Environment environment, MarbleConfig config, String provider, String key, String fallback) {
        String variable = "MARBLE_OAUTH_" + provider.toUpperCase(Locale.ROOT) + "_" + key.toUpperCase(Locale.ROOT);
        Optional<String> fromEnvironment = environment.get(variable).filter(v -> !v.isBlank());
        if (fromEnvironment.isPresent()) return fromEnvironment.get();
        return config.text("oauth." + provider + "." + key).map(Setting::value).orElse(fallback);
    }
}
