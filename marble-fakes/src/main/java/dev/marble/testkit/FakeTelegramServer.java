package dev.marble.testkit;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A strict fake of the Telegram Bot API on 127.0.0.1, for the error paths the real peer
 * ({@code telegram-test-api}, which validates nothing and never says 429) cannot show. It checks requests in the
 * order Telegram does: the path {@code /bot<token>/<method>} (404 otherwise), the token (401
 * {@code Unauthorized}), the method ({@code sendMessage} and {@code getMe}; 404 otherwise), then the parameters:
 * {@code chat_id} present, {@code text} 1–4096 characters after trimming, as the Bot API counts them (UTF-16
 * code units), the chat known when {@link #onlyChat} was set. Parameters come as JSON, a form body or the query
 * string, as the Bot API accepts all three. Every error is {@code {"ok":false,"error_code":N,"description":…}}.
 * It can be told to answer the next requests 429 with {@code parameters.retry_after} or 500, and records every
 * request (with the time it arrived) and every message it accepted. Safe to use from many threads.
 */
public final class FakeTelegramServer implements AutoCloseable {

    /** The Bot API's limit for one message's text. */
    public static final int TEXT_LIMIT = 4096;

    private static final Pattern BOT_PATH = Pattern.compile("/bot([^/]+)/([A-Za-z]+)");

    /** A message the fake accepted. */
    public record SentMessage(String chatId, String text) {}

    /**
     * One request as it arrived: the Bot API method (empty when the path was not a bot path), whether it carried
     * the right token, the status it got, and {@link System#nanoTime()} at arrival, so a test can measure the wait
     * between a 429 and the retry.
     */
    public record Received(String method, boolean tokenValid, int status, long arrivedNanos) {}

    private final String token;
    private final LoopbackHttpServer http;
    private final ConcurrentLinkedQueue<SentMessage> messages = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new ArrayList<>(); // guarded by itself
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final AtomicInteger nextMessageId = new AtomicInteger(1);
    private volatile String onlyChat;

    private record Fault(int status, int retryAfterSeconds) {}

    private FakeTelegramServer(String token) {
        this.token = Objects.requireNonNull(token, "token");
        this.http = LoopbackHttpServer.start(this::handle);
    }

    /** A fake whose one valid bot token is {@code token}. */
    public static FakeTelegramServer start(String token) {
        return new FakeTelegramServer(token);
    }

    /** {@code http://127.0.0.1:PORT}: what a client uses in place of {@code https://api.telegram.org}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + http.port();
    }

    public int port() {
        return http.port();
    }

    /** From now on, {@code sendMessage} to any other chat gets 400 {@code Bad Request: chat not found}. */
    public FakeTelegramServer onlyChat(String chatId) {
        this.onlyChat = Objects.requireNonNull(chatId, "chatId");
        return this;
    }

    /** The next {@code times} authorised requests get 429 {@code Too Many Requests: retry after S}. */
    public FakeTelegramServer tooManyRequests(int times, int retryAfterSeconds) {
        for (int i = 0; i < times; i++) faults.add(new Fault(429, retryAfterSeconds));
        return this;
    }

    /** The next {@code times} authorised requests get 500 {@code Internal Server Error}. */
    public FakeTelegramServer serverError(int times) {
        for (int i = 0; i < times; i++) faults.add(new Fault(500, 0));
        return this;
    }

    /** The messages accepted so far, in order. */
    public List<SentMessage> messages() {
        return List.copyOf(messages);
    }

    /** Every request so far, refused ones included, in order of arrival. */
    public List<Received> requests() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private void handle(RawRequest request, RawExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        Matcher path = BOT_PATH.matcher(request.path());
        if (!path.matches()) {
            answer(exchange, new Received("", false, 404, arrived), error(404, "Not Found"));
            return;
        }
        String method = path.group(2);
        boolean tokenValid = token.equals(URLDecoder.decode(path.group(1), StandardCharsets.UTF_8));
        if (!tokenValid) {
            answer(exchange, new Received(method, false, 401, arrived), error(401, "Unauthorized"));
            return;
        }
        Fault fault = faults.poll();
        if (fault != null) {
            ObjectNode body = fault.status() == 429
                    ? error(429, "Too Many Requests: retry after " + fault.retryAfterSeconds())
                    : error(500, "Internal Server Error");
            if (fault.status() == 429)
                body.set("parameters", Json.object().put("retry_after", fault.retryAfterSeconds()));
            answer(exchange, new Received(method, true, fault.status(), arrived), body);
            return;
        }
        ObjectNode reply = switch (method) {
            case "sendMessage" -> sendMessage(parameters(request));
            case "getMe" ->
                ok(Json.object()
                        .put("id", botId())
                        .put("is_bot", true)
                        .put("first_name", "Marble test bot")
                        .put("username", "marble_test_bot"));
            default -> error(404, "Not Found");
        };
        answer(
                exchange,
                new Received(
                        method,
                        true,
                        reply.get("ok").asBoolean()
                                ? 200
                                : reply.get("error_code").asInt(),
                        arrived),
                reply);
    }

    private ObjectNode sendMessage(Map<String, String> parameters) {
        if (parameters == null) return error(400, "Bad Request: can't parse JSON object");
        String chatId = parameters.get("chat_id");
        if (chatId == null || chatId.isBlank()) return error(400, "Bad Request: chat_id is empty");
        String text = parameters.get("text");
        if (text == null || text.strip().isEmpty()) return error(400, "Bad Request: message text is empty");
        if (text.length() > TEXT_LIMIT) return error(400, "Bad Request: message is too long");
        String only = onlyChat;
        if (only != null && !only.equals(chatId)) return error(400, "Bad Request: chat not found");
        messages.add(new SentMessage(chatId, text));
        ObjectNode chat = Json.object().put("type", "private");
        if (chatId.matches("-?\\d+")) chat.put("id", Long.parseLong(chatId));
        else chat.put("username", chatId);
        return ok(Json.object()
                .put("message_id", nextMessageId.getAndIncrement())
                .put("date", System.currentTimeMillis() / 1000)
                .<ObjectNode>set("chat", chat)
                .put("text", text));
    }

    /**
     * The request's parameters from a JSON body, a form body or the query string; {@code null} when a JSON body
     * does not parse. JSON numbers (a numeric {@code chat_id}) become their text.
     */
    private static Map<String, String> parameters(RawRequest request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int query = request.target().indexOf('?');
        if (query >= 0) form(request.target().substring(query + 1), parameters);
        String type = request.header("content-type");
        String body = new String(request.body(), StandardCharsets.UTF_8);
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            JsonNode json = Json.parseOrNull(request.body());
            if (json == null || !json.isObject()) return null;
            for (var field : json.properties()) {
                JsonNode value = field.getValue();
                if (!value.isNull())
                    parameters.put(field.getKey(), value.isString() ? value.asString() : value.toString());
            }
        } else if (!body.isEmpty()) {
            form(body, parameters);
        }
        return parameters;
    }

    private static void form(String encoded, Map<String, String> into) {
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            into.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
    }

    private long botId() {
        int colon = token.indexOf(':');
        String digits = colon > 0 ? token.substring(0, colon) : "";
        return digits.matches("\\d{1,18}") ? Long.parseLong(digits) : 1L;
    }

    private void answer(RawExchange exchange, Received record, ObjectNode body) throws IOException {
        synchronized (received) {
            received.add(record);
        }
        exchange.send(record.status(), Map.of("content-type", "application/json"), Json.bytes(body));
    }

    private static ObjectNode ok(ObjectNode result) {
        return Json.object().put("ok", true).set("result", result);
    }

    private static ObjectNode error(int code, String description) {
        return Json.object().put("ok", false).put("error_code", code).put("description", description);
    }
}
