package dev.marble.mcp.transport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.marble.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A scripted streamable HTTP MCP server on loopback for the transport's edge cases: how it answers
 * tools/call is the {@link CallMode}. It keeps every request's method, JSON-RPC method and headers.
 */
final class FakeStreamableServer implements AutoCloseable {

    enum CallMode {
        /** The answer on the POST's SSE stream, after a priming event. */
        SSE,
        /** The POST's stream drops before the answer and before any event id. */
        DROP_WITHOUT_ID,
        /** The POST's stream drops after a priming event; the first GET drops too; the second answers. */
        DROP_TWICE_THEN_RESUME,
        /** The POST's stream drops after a priming event; GET is not allowed. */
        DROP_THEN_405,
        /** HTTP 500 with a message. */
        SERVER_ERROR
    }

    record Seen(String method, String rpcMethod, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst())
                    .findFirst()
                    .orElse(null);
        }
    }

    private final HttpServer server;
    private final CallMode mode;
    private final List<Seen> seen = new ArrayList<>();
    private volatile JsonNode pendingCallId;
    private int gets;

    FakeStreamableServer(CallMode mode) throws IOException {
        this.mode = mode;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mcp", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mcp");
    }

    List<Seen> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode message = body.isBlank() ? Json.object() : Json.parse(body);
        String rpcMethod = Json.text(message, "method");
        synchronized (seen) {
            seen.add(new Seen(exchange.getRequestMethod(), rpcMethod, Map.copyOf(exchange.getRequestHeaders())));
        }
        switch (exchange.getRequestMethod()) {
            case "POST" -> post(exchange, message, rpcMethod);
            case "GET" -> get(exchange);
            case "DELETE" -> respond(exchange, 200, null, "");
            default -> respond(exchange, 405, null, "");
        }
    }

    private void post(HttpExchange exchange, JsonNode message, String rpcMethod) throws IOException {
        if (!message.has("id") || rpcMethod == null) {
            respond(exchange, 202, null, "");
            return;
        }
        JsonNode id = message.get("id");
        switch (rpcMethod) {
            case "initialize" -> {
                exchange.getResponseHeaders().add("Mcp-Session-Id", "session-1");
                respond(exchange, 200, "application/json", answer(id, Json.parse("""
                        {"protocolVersion": "2025-06-18", "capabilities": {"tools": {}},
                         "serverInfo": {"name": "fake", "version": "1"}}""")));
            }
            case "tools/list" -> respond(exchange, 200, "application/json", answer(id, Json.parse("""
                    {"tools": [{"name": "t", "inputSchema": {"type": "object"}}]}""")));
            case "tools/call" -> call(exchange, id);
            default -> respond(exchange, 200, "application/json", answer(id, Json.object()));
        }
    }

    private void call(HttpExchange exchange, JsonNode id) throws IOException {
        pendingCallId = id;
        switch (mode) {
            case SSE -> stream(exchange, "id: a1\ndata: \n\n", "event: message\nid: a2\ndata: " + result(id) + "\n\n");
            case DROP_WITHOUT_ID -> stream(exchange, ": no ids on this stream\n\n");
            case DROP_TWICE_THEN_RESUME, DROP_THEN_405 -> stream(exchange, "id: p1\nretry: 50\ndata: \n\n");
            case SERVER_ERROR -> respond(exchange, 500, "text/plain", "database\nis down");
        }
    }

    private void get(HttpExchange exchange) throws IOException {
        int n;
        synchronized (this) {
            n = ++gets;
        }
        if (mode == CallMode.DROP_THEN_405) {
            respond(exchange, 405, null, "");
        } else if (n == 1) {
            stream(exchange, "id: p2\ndata: \n\n");
        } else {
            stream(exchange, "event: message\nid: p3\ndata: " + result(pendingCallId) + "\n\n");
        }
    }

    private static String result(JsonNode id) {
        return answer(id, Json.parse("{\"content\": [{\"type\": \"text\", \"text\": \"resumed fine\"}]}"));
    }

    private static String answer(JsonNode id, JsonNode result) {
        ObjectNode response = Json.object().put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("result", result);
        return Json.write(response);
    }

    /** An SSE answer of these events, then the end of the stream. */
    private static void stream(HttpExchange exchange, String... events) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String event : events) {
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (type != null) exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
