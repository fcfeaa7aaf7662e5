package dev.marble.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth 2.0 authorization server on loopback, strict where a real one is: {@code GET /authorize} approves at once
 * (no person to ask) and redirects to the client's redirect URI with a code and the client's state (RFC 6749
 * section 4.1.2); {@code POST /token} takes form-encoded grants (sections 4.1.3 and 6) and answers as section 5.1
 * says, or with section 5.2's errors. A code is used once, only with its redirect URI and client, and only with the
 * verifier whose S256 challenge came with the authorization request (RFC 7636 section 4.6).
 */
public final class FakeAuthorizationServer implements AutoCloseable {

    private record Grant(String clientId, String redirectUri, String challenge) {}

    private final HttpServer server;
    private final String clientId;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile long expiresInSeconds = 3600;

    private FakeAuthorizationServer(HttpServer server, String clientId) {
        this.server = server;
        this.clientId = clientId;
    }

    public static FakeAuthorizationServer start(String clientId) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeAuthorizationServer fake = new FakeAuthorizationServer(server, clientId);
            server.createContext("/authorize", fake::authorize);
            server.createContext("/token", fake::token);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on loopback", e);
        }
    }

    public String authorizeUrl() {
        return base() + "/authorize";
    }

    public String tokenUrl() {
        return base() + "/token";
    }

    /** The lifetime stated for tokens issued from now on. */
    public void expiresIn(long seconds) {
        this.expiresInSeconds = seconds;
    }

    /** Every form posted to /token, in order (secrets and all: this is a test's server). */
    public List<Map<String, String>> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    /** The n-th access token issued (1-based): {@code fake-access-N-...}. */
    public String accessToken(int n) {
        return "fakeAccessToken" + n + "-0123456789abcdef";
    }

    public String refreshToken(int n) {
        return "fakeRefreshToken" + n + "-0123456789abcdef";
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void authorize(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            String redirect = query.get("redirect_uri");
            if (!"GET".equals(exchange.getRequestMethod())
                    || !"code".equals(query.get("response_type"))
                    || !clientId.equals(query.get("client_id"))
                    || redirect == null
                    || !"S256".equals(query.get("code_challenge_method"))
                    || query.get("code_challenge") == null) {
                send(exchange, 400, "text/plain", "invalid authorization request");
                return;
            }
            String code = "fakeCode-" + issued.incrementAndGet() + "-" + System.nanoTime();
            codes.put(code, new Grant(clientId, redirect, query.get("code_challenge")));
            String location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + encode(code)
                    + (query.containsKey("state") ? "&state=" + encode(query.get("state")) : "");
            exchange.getResponseHeaders().set("location", location);
            exchange.sendResponseHeaders(302, -1);
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            String type = exchange.getRequestHeaders().getFirst("content-type");
            if (!"POST".equals(exchange.getRequestMethod())
                    || type == null
                    || !type.startsWith("application/x-www-form-urlencoded")) {
                error(exchange, "invalid_request", "POST a form");
                return;
            }
            Map<String, String> form =
                    form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            tokenRequests.add(Map.copyOf(form));
            if (!clientId.equals(form.get("client_id"))) {
                error(exchange, "invalid_client", "unknown client");
                return;
            }
            switch (String.valueOf(form.get("grant_type"))) {
                case "authorization_code" -> exchangeCode(exchange, form);
                case "refresh_token" -> refresh(exchange, form);
                default -> error(exchange, "unsupported_grant_type", null);
            }
        }
    }

    private void exchangeCode(HttpExchange exchange, Map<String, String> form) throws IOException {
        Grant grant = codes.remove(String.valueOf(form.get("code")));
        if (grant == null) {
            error(exchange, "invalid_grant", "unknown or used code");
        } else if (!grant.redirectUri().equals(form.get("redirect_uri"))) {
            error(exchange, "invalid_grant", "redirect_uri differs from the authorization request");
        } else if (form.get("code_verifier") == null
                || !s256(form.get("code_verifier")).equals(grant.challenge())) {
            error(exchange, "invalid_grant", "code_verifier does not match the code_challenge");
        } else {
            issue(exchange);
        }
    }

    private void refresh(HttpExchange exchange, Map<String, String> form) throws IOException {
        if (refreshTokens.remove(String.valueOf(form.get("refresh_token"))) == null) {
            error(exchange, "invalid_grant", "unknown refresh token");
            return;
        }
        issue(exchange);
    }

    private void issue(HttpExchange exchange) throws IOException {
        int n = issued.incrementAndGet();
        refreshTokens.put(refreshToken(n), accessToken(n));
        exchange.getResponseHeaders().set("cache-control", "no-store");
        send(
                exchange,
                200,
                "application/json",
                "{\"access_token\": \"" + accessToken(n) + "\", \"token_type\": \"Bearer\", \"expires_in\": "
                        + expiresInSeconds + ", \"refresh_token\": \"" + refreshToken(n) + "\"}");
    }

    private static void error(HttpExchange exchange, String error, String description) throws IOException {
        send(
                exchange,
                400,
                "application/json",
                "{\"error\": \"" + error + "\""
                        + (description == null ? "" : ", \"error_description\": \"" + description + "\"") + "}");
    }

    private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
