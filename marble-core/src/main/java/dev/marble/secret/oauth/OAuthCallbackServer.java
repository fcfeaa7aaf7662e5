package dev.marble.secret.oauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the browser lands after the user approves: a one-shot HTTP server on 127.0.0.1 at a port the system picks,
 * answering {@code GET /callback?code=...&state=...}. Only loopback can reach it, and a request whose {@code state}
 * is not the one Marble sent is refused and does not end the wait, so another local program cannot slip in a code
 * of its own (RFC 6749 section 10.12).
 */
public final class OAuthCallbackServer implements AutoCloseable {

    public static final String PATH = "/callback";

    private final HttpServer server;
    private final String state;
    private final CompletableFuture<String> code = new CompletableFuture<>();

    private OAuthCallbackServer(HttpServer server, String state) {
        this.server = server;
        this.state = state;
    }

    public static OAuthCallbackServer start(String state) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new OAuthException("cannot listen on 127.0.0.1 for the login callback: " + e.getMessage(), e);
        }
        OAuthCallbackServer callback = new OAuthCallbackServer(server, state);
        server.createContext(PATH, callback::handle);
        server.start();
        return callback;
    }

    /** {@code http://127.0.0.1:PORT/callback}: the redirect URI the authorization request names. */
    public String redirectUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** The authorization code, once the browser brings it; fails when the user denied or {@code timeout} passed. */
    public String awaitCode(Duration timeout) {
        try {
            return code.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OAuthException("no login callback came within " + timeout.toSeconds() + " seconds");
        } catch (ExecutionException e) {
            throw (OAuthException) e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuthException("interrupted while waiting for the login callback");
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "Only GET is expected here.");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (!sameState(query.get("state"))) {
                respond(exchange, 400, "This login link is not the one Marble is waiting for.");
                return;
            }
            String error = query.get("error");
            if (error != null) {
                respond(exchange, 400, "Login failed: " + error + ". You can close this tab.");
                code.completeExceptionally(new OAuthException("the authorization server refused: " + error
                        + (query.containsKey("error_description") ? " (" + query.get("error_description") + ")" : "")));
                return;
            }
            String received = query.get("code");
            if (received == null || received.isBlank()) {
                respond(exchange, 400, "The callback carries no code.");
                return;
            }
            respond(exchange, 200, "Marble is logged in. You can close this tab.");
            code.complete(received);
        }
    }

    private boolean sameState(String received) {
        return received != null
                && MessageDigest.isEqual(
                        received.getBytes(StandardCharsets.UTF_8), state.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("content-type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) return values;
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            values.putIfAbsent(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
