package dev.marble.cli;

import dev.marble.json.Json;
import dev.marble.secret.OAuthTokenStore;
import dev.marble.secret.OAuthTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import tools.jackson.databind.node.ObjectNode;

/** {@code marble oauth status}: whether tokens are stored for a provider and when they expire; never the tokens. */
@Command(
        name = "status",
        description = {
            "Show whether you are logged in and when the token expires.",
            "Never prints the tokens. Exit 0 either way; --json says logged_in true or false."
        },
        footer = {
            "  marble oauth status --provider anthropic",
            "  marble oauth status --provider anthropic --json | jq .logged_in"
        })
final class OAuthStatusCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    OAuthProviderOption provider;

    /** {"provider", "logged_in", "expires_at", "expired", "has_refresh_token", "file"}. */
    @Mixin
    JsonOption json;

    OAuthStatusCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        OAuthTokenStore store = OAuthTokenStore.of(context.environment(), context.redactor());
        String name = provider.provider.id();
        Optional<OAuthTokens> tokens = store.read(name);
        Instant now = Instant.now();
        if (json.enabled()) {
            print(name, store, tokens);
            return ExitCodes.OK;
        }
        if (tokens.isEmpty()) {
            context.out().println("Not logged in to " + name + " (no tokens in " + store.file() + ").");
            context.out().println("Log in with: marble oauth login --provider " + name);
            return ExitCodes.OK;
        }
        OAuthTokens stored = tokens.get();
        context.out().println("Logged in to " + name + " (tokens in " + store.file() + ").");
        context.out().println(expiry(stored, now));
        context.out()
                .println(
                        stored.hasRefreshToken()
                                ? "Refresh token: stored; Marble refreshes the access token before it expires."
                                : "Refresh token: none; log in again when the access token expires.");
        return ExitCodes.OK;
    }

    /** The --json document, which 'marble oauth login --json' prints too. */
    void print(String name, OAuthTokenStore store, Optional<OAuthTokens> tokens) {
        Instant now = Instant.now();
        ObjectNode out = Json.object();
        out.put("provider", name);
        out.put("logged_in", tokens.isPresent());
        out.put("expires_at", tokens.map(t -> t.expiresAt().toString()).orElse(null));
        out.put("expired", tokens.map(t -> !now.isBefore(t.expiresAt())).orElse(null));
        out.put("has_refresh_token", tokens.map(OAuthTokens::hasRefreshToken).orElse(null));
        out.put("file", store.file().toString());
        context.out().println(Json.write(out));
    }

    private static String expiry(OAuthTokens tokens, Instant now) {
        Duration left = Duration.between(now, tokens.expiresAt());
        if (left.isNegative() || left.isZero()) return "Access token: expired at " + tokens.expiresAt() + ".";
        return "Access token: expires at " + tokens.expiresAt() + " (in " + left.toHours() + "h " + left.toMinutesPart()
                + "m).";
    }
}
