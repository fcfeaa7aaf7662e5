package dev.marble.secret.oauth;

import dev.marble.json.Json;
import dev.marble.secret.OAuthTokens;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The token endpoint as RFC 6749 defines it: a form-encoded POST (section 4.1.3 to exchange a code, section 6 to
 * refresh) answered by a JSON object with {@code access_token}, {@code expires_in} and perhaps a new
 * {@code refresh_token} (section 5.1), or by {@code error} and {@code error_description} (section 5.2). Errors
 * quote only those two fields, never the rest of a body.
 */
public final class OAuthTokenClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** When the server states no lifetime: one hour, so Marble refreshes early rather than sends a dead token. */
    private static final long DEFAULT_EXPIRES_IN_SECONDS = 3600;

    private final OAuthEndpoints endpoints;
    private final HttpClient http;
    private final Clock clock;

    public OAuthTokenClient(OAuthEndpoints endpoints, HttpClient http, Clock clock) {
        this.endpoints = endpoints;
        this.http = http;
        this.clock = clock;
    }

    /** Trades an authorization code and the PKCE verifier for tokens. */
    public OAuthTokens exchange(String code, String verifier, String redirectUri) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri);
        form.put("client_id", endpoints.clientId());
        form.put("code_verifier", verifier);
        return post(form, null);
    }

    /** A new access token for a refresh token; keeps the old refresh token when the server sends no new one. */
    public OAuthTokens refresh(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken);
        form.put("client_id", endpoints.clientId());
        return post(form, refreshToken);
    }

    private OAuthTokens post(Map<String, String> form, String previousRefreshToken) {
        return post(http, endpoints.tokenUrl(), form, previousRefreshToken, clock);
    }

    /**
     * Posts {@code form} to the token endpoint at {@code tokenUrl} and reads its answer, for any grant (Google's
     * JWT bearer grant too); keeps {@code previousRefreshToken} when the answer carries no new one.
     */
    public static OAuthTokens post(
            HttpClient http, String tokenUrl, Map<String, String> form, String previousRefreshToken, Clock clock) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl))
                .timeout(TIMEOUT)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new OAuthException("cannot reach the token endpoint " + tokenUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuthException("interrupted while waiting for the token endpoint");
        }
        JsonNode body;
        try {
            body = Json.parse(response.body());
        } catch (RuntimeException notJson) {
            throw new OAuthException("the token endpoint " + tokenUrl + " answered HTTP " + response.statusCode()
                    + " with something other than JSON");
        }
        if (response.statusCode() != 200 || body.has("error")) {
            String error = body.path("error").asString("unknown_error");
            String description = body.path("error_description").asString("");
            throw new OAuthException("the token endpoint refused (HTTP " + response.statusCode() + "): " + error
                    + (description.isBlank() ? "" : " (" + description + ")"));
        }
        String access = body.path("access_token").asString("");
        if (access.isBlank()) throw new OAuthException("the token endpoint's answer holds no access_token");
        long expiresIn = body.path("expires_in").asLong(DEFAULT_EXPIRES_IN_SECONDS);
        String refresh = body.path("refresh_token").isString()
                ? body.path("refresh_token").asString()
                : previousRefreshToken;
        return new OAuthTokens(access, refresh, clock.instant().plusSeconds(expiresIn));
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
