package dev.marble.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Google's OAuth 2.0 token endpoint on loopback, as strict as the real one where a client can go wrong.
 * {@code POST /token} takes two grants: a service account's signed JWT ({@code grant_type
 * urn:ietf:params:oauth:grant-type:jwt-bearer}, whose RS256 signature is verified with the account's public key and
 * whose claims must say {@code iss} = the account, {@code scope} with cloud-platform, {@code aud} = this endpoint,
 * {@code iat} not in the future and {@code exp} at most an hour after it), and an authorized user's refresh token
 * ({@code grant_type refresh_token} with its client id and secret). Access tokens carry the lifetime
 * {@link #expiresIn} sets; {@link #isCurrent} says whether one was issued here and has not expired, by the clock
 * the server was given, so a test can move time and see a client refresh.
 */
public final class FakeGoogleTokenServer implements AutoCloseable {

    public static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";
    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    /** The clock skew Google allows for iat. */
    private static final long SKEW_SECONDS = 60;

    private record User(String clientSecret, String refreshToken) {}

    private final HttpServer server;
    private final Clock clock;
    private final Map<String, PublicKey> serviceAccounts = new ConcurrentHashMap<>();
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Instant> issuedTokens = new ConcurrentHashMap<>();
    private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<JsonNode> verifiedClaims = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile long expiresInSeconds = 3600;

    private FakeGoogleTokenServer(HttpServer server, Clock clock) {
        this.server = server;
        this.clock = clock;
    }

    /** Listens on a free loopback port; times are read from {@code clock}. */
    public static FakeGoogleTokenServer start(Clock clock) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeGoogleTokenServer fake = new FakeGoogleTokenServer(server, clock);
            server.createContext("/token", fake::token);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on loopback", e);
        }
    }

    public static FakeGoogleTokenServer start() {
        return start(Clock.systemUTC());
    }

    /** Trusts JWTs from {@code clientEmail} signed by the private half of {@code publicKey}. */
    public FakeGoogleTokenServer serviceAccount(String clientEmail, PublicKey publicKey) {
        serviceAccounts.put(clientEmail, publicKey);
        return this;
    }

    /** Takes {@code refreshToken} from the OAuth client {@code clientId} with {@code clientSecret}. */
    public FakeGoogleTokenServer authorizedUser(String clientId, String clientSecret, String refreshToken) {
        users.put(clientId, new User(clientSecret, refreshToken));
        return this;
    }

    public String tokenUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** The lifetime stated for tokens issued from now on. */
    public FakeGoogleTokenServer expiresIn(long seconds) {
        this.expiresInSeconds = seconds;
        return this;
    }

    /** Every form posted to /token, in order (secrets and all: this is a test's server). */
    public List<Map<String, String>> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    /** The claims of every JWT whose signature verified, in order. */
    public List<JsonNode> verifiedClaims() {
        return List.copyOf(verifiedClaims);
    }

    /** How many access tokens were issued. */
    public int issuedCount() {
        return issued.get();
    }

    /** The n-th access token issued (1-based). */
    public String accessToken(int n) {
        return "ya29.fakeGoogleAccess" + n + "-0123456789abcdef";
    }

    /** Whether {@code token} was issued here and has not expired by the server's clock. */
    public boolean isCurrent(String token) {
        Instant expires = issuedTokens.get(token);
        return expires != null && clock.instant().isBefore(expires);
    }

    /** A service-account key file as Google's console writes it, holding {@code privateKey} as a PKCS#8 PEM. */
    public String serviceAccountJson(String clientEmail, PrivateKey privateKey, String projectId) {
        ObjectNode json = Json.object();
        json.put("type", "service_account");
        json.put("project_id", projectId);
        json.put("private_key_id", "fake-key-id-1");
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(privateKey.getEncoded());
        json.put("private_key", "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n");
        json.put("client_email", clientEmail);
        json.put("client_id", "100000000000000000001");
        json.put("token_uri", tokenUrl());
        return Json.text(json);
    }

    /** gcloud's application_default_credentials.json for a person's login, pointed at this server. */
    public String authorizedUserJson(String clientId, String clientSecret, String refreshToken) {
        ObjectNode json = Json.object();
        json.put("type", "authorized_user");
        json.put("client_id", clientId);
        json.put("client_secret", clientSecret);
        json.put("refresh_token", refreshToken);
        json.put("token_uri", tokenUrl());
        return Json.text(json);
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            String type = exchange.getRequestHeaders().getFirst("content-type");
            if (!"POST".equals(exchange.getRequestMethod())
                    || type == null
                    || !type.startsWith("application/x-www-form-urlencoded")) {
                error(exchange, 400, "invalid_request", "POST a form");
                return;
            }
            Map<String, String> form =
                    form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            tokenRequests.add(Map.copyOf(form));
            String grant = String.valueOf(form.get("grant_type"));
            String problem = switch (grant) {
                case JWT_BEARER -> jwtProblem(String.valueOf(form.get("assertion")));
                case "refresh_token" -> refreshProblem(form);
                default -> "unsupported_grant_type";
            };
            if (problem != null) {
                error(exchange, 400, problem.equals("unsupported_grant_type") ? problem : "invalid_grant", problem);
                return;
            }
            issue(exchange);
        }
    }

    /** What Google would refuse about the assertion, or null. */
    private String jwtProblem(String assertion) {
        String[] parts = assertion.split("\\.", -1);
        if (parts.length != 3) return "Invalid JWT: not three base64url parts";
        JsonNode header;
        JsonNode claims;
        try {
            header = Json.parse(decode(parts[0]));
            claims = Json.parse(decode(parts[1]));
        } catch (RuntimeException e) {
            return "Invalid JWT: header or claims are not base64url JSON";
        }
        if (!"RS256".equals(Json.string(header, "alg"))) return "Invalid JWT: alg must be RS256";
        PublicKey key = serviceAccounts.get(String.valueOf(Json.string(claims, "iss")));
        if (key == null) return "Invalid JWT: unknown iss " + Json.string(claims, "iss");
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) return "Invalid JWT Signature.";
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return "Invalid JWT Signature.";
        }
        String scope = String.valueOf(Json.string(claims, "scope"));
        if (!List.of(scope.split(" ")).contains(CLOUD_PLATFORM)) return "Invalid JWT: scope lacks cloud-platform";
        if (!tokenUrl().equals(Json.string(claims, "aud"))) return "Invalid JWT: aud must be " + tokenUrl();
        if (!claims.path("iat").isIntegralNumber() || !claims.path("exp").isIntegralNumber()) {
            return "Invalid JWT: iat and exp must be numbers";
        }
        long iat = claims.path("iat").asLong();
        long exp = claims.path("exp").asLong();
        long now = clock.instant().getEpochSecond();
        if (iat > now + SKEW_SECONDS) return "Invalid JWT: iat is in the future";
        if (exp <= now) return "Invalid JWT: Token must be a short-lived token and in a reasonable timeframe";
        if (exp - iat > 3600 || exp <= iat) return "Invalid JWT: exp must be within an hour after iat";
        verifiedClaims.add(claims);
        return null;
    }

    private String refreshProblem(Map<String, String> form) {
        User user = users.get(String.valueOf(form.get("client_id")));
        if (user == null) return "unknown client_id";
        if (!user.clientSecret().equals(form.get("client_secret"))) return "wrong client_secret";
        if (!user.refreshToken().equals(form.get("refresh_token"))) return "Token has been expired or revoked.";
        return null;
    }

    private void issue(HttpExchange exchange) throws IOException {
        int n = issued.incrementAndGet();
        long lifetime = expiresInSeconds;
        issuedTokens.put(accessToken(n), clock.instant().plusSeconds(lifetime));
        send(
                exchange,
                200,
                "{\"access_token\": \"" + accessToken(n) + "\", \"expires_in\": " + lifetime
                        + ", \"token_type\": \"Bearer\"}");
    }

    private static void error(HttpExchange exchange, int status, String error, String description) throws IOException {
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put("error_description", description);
        send(exchange, status, Json.text(body));
    }

    private static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) return values;
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals < 0) continue;
            values.put(
                    URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
