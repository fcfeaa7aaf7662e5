package dev.marble.provider.anthropic;

import dev.marble.config.Environment;
import dev.marble.model.ModelRef;
import dev.marble.provider.Availability;
import dev.marble.provider.BuiltInProvider;
import dev.marble.provider.ChatModel;
import dev.marble.provider.ProviderContext;
import dev.marble.provider.ProviderFactory;
import dev.marble.provider.ProviderSpec;
import dev.marble.provider.UnavailableChatModel;
import dev.marble.provider.http.LoopbackProbe;
import dev.marble.secret.OAuthTokenStore;
import dev.marble.secret.oauth.OAuthAccess;
import dev.marble.secret.oauth.OAuthEndpoints;
import dev.marble.secret.oauth.OAuthException;
import dev.marble.secret.oauth.OAuthTokenClient;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Anthropic and servers that speak its Messages API. The key comes from the spec's
 * {@code api_key_env} ({@code ANTHROPIC_API_KEY} for the built-in provider), else from
 * {@code ANTHROPIC_AUTH_TOKEN} as a bearer token, as the official SDKs read them, else (built-in provider only)
 * from the {@code marble oauth login} tokens, refreshed when due.
 */
public final class AnthropicProviderFactory implements ProviderFactory {

    public static final String OFFICIAL_BASE_URL = "https://api.anthropic.com";

    /**
     * The {@code anthropic-beta} value without which the Messages API refuses OAuth bearer tokens ("OAuth
     * authentication is currently not supported"). Not in Anthropic's public API reference; it is what Claude Code
     * and the SDKs send with subscription tokens. If Anthropic renames it, this is the one place to change.
     */
    public static final String OAUTH_BETA = "oauth-2025-04-20";

    @Override
    public String type() {
        return "anthropic";
    }

    /** {@code anthropic}, at {@code ANTHROPIC_BASE_URL} when that is set, as the official SDKs read it. */
    @Override
    public List<BuiltInProvider> builtIns(Environment env) {
        Optional<String> base = env.get("ANTHROPIC_BASE_URL");
        String origin = BuiltInProvider.ORIGIN + (base.isPresent() ? ", base URL from ANTHROPIC_BASE_URL" : "");
        return List.of(new BuiltInProvider(
                new ProviderSpec(
                        "anthropic",
                        type(),
                        base.orElse(OFFICIAL_BASE_URL),
                        "ANTHROPIC_API_KEY",
                        "claude-sonnet-4-6",
                        false,
                        origin),
                10));
    }

    @Override
    public ChatModel create(ProviderSpec spec, String model, ProviderContext context) {
        ModelRef ref = new ModelRef(spec.name(), model);
        Map<String, String> credentials;
        Optional<String> key = spec.apiKeyEnv() == null
                ? Optional.empty()
                : context.environment().get(spec.apiKeyEnv());
        Optional<String> token = context.environment().get("ANTHROPIC_AUTH_TOKEN");
        Optional<String> oauth;
        try {
            oauth = key.isPresent() || token.isPresent() || !usesOAuth(spec) ? Optional.empty() : oauthToken(context);
        } catch (OAuthException expired) {
            return new UnavailableChatModel(ref, context.redactor().redact(expired.getMessage()));
        }
        if (key.isPresent()) {
            context.redactor().register(spec.apiKeyEnv(), key.get());
            credentials = Map.of("x-api-key", key.get());
        } else if (token.isPresent() && "anthropic".equals(spec.name())) {
            context.redactor().register("ANTHROPIC_AUTH_TOKEN", token.get());
            credentials = Map.of("authorization", "Bearer " + token.get());
        } else if (usesOAuth(spec) && oauth.isPresent()) {
            credentials = Map.of("authorization", "Bearer " + oauth.get(), "anthropic-beta", OAUTH_BETA);
        } else if (needsKey(spec)) {
            return new UnavailableChatModel(
                    ref, missingKey(spec) + "; set it to your API key, or choose another model");
        } else {
            credentials = Map.of();
        }
        return new AnthropicChatModel(ref, spec.baseUrl(), credentials, context.http(), context.defaultTimeout());
    }

    @Override
    public Availability availability(ProviderSpec spec, ProviderContext context) {
        if (spec.apiKeyEnv() != null
                && context.environment().get(spec.apiKeyEnv()).isPresent()) {
            return Availability.yes(spec.apiKeyEnv() + " is set");
        }
        if (usesOAuth(spec) && needsKey(spec) && loggedIn(context)) {
            return Availability.yes("logged in with 'marble oauth login'");
        }
        if (!needsKey(spec)) {
            return LoopbackProbe.listening(spec.baseUrl(), 300)
                    ? Availability.yes("server answers at " + spec.baseUrl())
                    : Availability.no("nothing listens at " + spec.baseUrl());
        }
        return Availability.no(missingKey(spec));
    }

    /** Only the built-in provider at Anthropic's own API: a subscription token must not go to another server. */
    private static boolean usesOAuth(ProviderSpec spec) {
        return "anthropic".equals(spec.name()) && spec.baseUrl().startsWith(OFFICIAL_BASE_URL)
                || "anthropic".equals(spec.name()) && LoopbackProbe.isLoopback(spec.baseUrl());
    }

    /** The stored {@code marble oauth login} token, refreshed when due; empty when nobody logged in. */
    private static Optional<String> oauthToken(ProviderContext context) {
        OAuthEndpoints endpoints = OAuthEndpoints.anthropic(context.environment(), context.config());
        return new OAuthAccess(
                        endpoints,
                        OAuthTokenStore.of(context.environment(), context.redactor()),
                        new OAuthTokenClient(endpoints, HttpClient.newHttpClient(), Clock.systemUTC()),
                        Clock.systemUTC())
                .accessToken();
    }

    private static boolean loggedIn(ProviderContext context) {
        try {
            return OAuthTokenStore.of(context.environment(), context.redactor())
                    .read("anthropic")
                    .isPresent();
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    private static boolean needsKey(ProviderSpec spec) {
        return spec.baseUrl().startsWith(OFFICIAL_BASE_URL)
                || !LoopbackProbe.isLoopback(spec.baseUrl()) && spec.apiKeyEnv() != null;
    }

    private static String missingKey(ProviderSpec spec) {
        return spec.apiKeyEnv() == null
                ? "provider " + spec.name() + " names no api_key_env"
                : spec.apiKeyEnv() + " is not set";
    }
}
