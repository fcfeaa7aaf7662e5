package dev.marble.mcp.transport;

import dev.marble.json.Json;
import dev.marble.provider.http.SseEvent;
import dev.marble.provider.http.SseReader;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpTransportSessionNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * The MCP streamable HTTP transport (specification 2025-03-26 and later) on the JDK's HttpClient.
 *
 * <p>Each message is a POST to the endpoint. The server answers 202 to notifications and responses,
 * and a request with either one JSON body or an SSE stream that carries the answer (and any
 * messages before it). The {@code Mcp-Session-Id} the server gives at initialization goes with
 * every later request, as does the negotiated {@code MCP-Protocol-Version}.
 *
 * <p>Resumption (SEP-1699): when an SSE stream ends or breaks before the answer it carries has
 * arrived, the transport waits for the server's last {@code retry:} delay (a growing backoff when
 * it gave none), then sends {@code GET} with {@code Last-Event-ID} set to the last event id it saw,
 * and reads the answer from that stream instead, as often as the stream keeps dropping (up to
 * {@value #MAX_RESUMES} tries in a row that bring no event). A stream that gave no event id cannot
 * be resumed: the request then fails at once rather than waiting for its timeout.
 *
 * <p>This client opens no standalone GET stream for unprompted server messages: Marble needs
 * nothing a server would only send there.
 */
public final class StreamableHttpTransport extends MessageTransport {

    static final int MAX_RESUMES = 5;
    private static final long MAX_BODY_CHARS = 64L * 1024 * 1024;
    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String VERSION_HEADER = "MCP-Protocol-Version";

    private final URI endpoint;
    private final Map<String, String> headers;
    private final HttpClient http;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<Thread> readers = ConcurrentHashMap.newKeySet();
    private final Set<InputStream> openBodies = ConcurrentHashMap.newKeySet();
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile Object initializeId;

    public StreamableHttpTransport(URI endpoint, Map<String, String> headers, Duration connectTimeout) {
        this.endpoint = endpoint;
        this.headers = Map.copyOf(headers);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        // Fail now, naming the header, rather than on the first request.
        for (String name : this.headers.keySet()) {
            try {
                HttpRequest.newBuilder(endpoint).header(name, this.headers.get(name));
            } catch (IllegalArgumentException e) {
                http.shutdownNow();
                throw new IllegalArgumentException("header \"" + name + "\" cannot be set: " + e.getMessage(), e);
            }
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The session the server assigned, or null before initialization (or when it uses none). */
    public String sessionId() {
        return sessionId;
    }

    @Override
    public Mono<Void> sendMessage(JSONRPCMessage message) {
        if (closed.get()) return Mono.error(new IOException("the connection to " + endpoint + " is closed"));
        String body;
        try {
            body = write(message);
        } catch (IOException e) {
            return Mono.error(e);
        }
        if (message instanceof McpSchema.JSONRPCRequest request
                && McpSchema.METHOD_INITIALIZE.equals(request.method())) {
            initializeId = request.id();
            sessionId = null;
        }
        sending(message);
        Object awaited = message instanceof McpSchema.JSONRPCRequest request ? request.id() : null;
        HttpRequest post = request()
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .setHeader("Content-Type", "application/json")
                .setHeader("Accept", "application/json, text/event-stream")
                .build();
        String sentSession = sessionId;
        return Mono.fromFuture(() -> http.sendAsync(post, HttpResponse.BodyHandlers.ofInputStream()))
                .onErrorMap(e -> new IOException("POST " + endpoint + " failed: " + describe(e), e))
                .flatMap(response -> answer(response, awaited, sentSession))
                .doOnError(e -> notSent(message));
    }

    /** Handles the server's answer to a POST; completes once a JSON body is delivered or an SSE stream is handed off.
     * */
    private Mono<Void> answer(HttpResponse<InputStream> response, Object awaited, String sentSession) {
        response.headers().firstValue(SESSION_HEADER).ifPresent(id -> sessionId = id);
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (status == 202 || status == 204) {
            discard(response.body());
            return Mono.empty();
        }
        if (status == 404 && sentSession != null) {
            discard(response.body());
            sessionId = null;
            var expired = new McpTransportSessionNotFoundException(
                    "the server at " + endpoint + " no longer knows session " + sentSession + " (HTTP 404)");
            reportException(expired);
            return Mono.error(expired);
        }
        if (status < 200 || status >= 300) {
            return Mono.fromCallable(() -> text(response.body(), 2000))
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMap(text -> Mono.error(new IOException("POST " + endpoint + " answered HTTP " + status
                            + (text.isBlank() ? "" : ": " + text.strip().replaceAll("\\s+", " ")))));
        }
        if (type.startsWith("text/event-stream")) {
            read(awaited, response.body());
            return Mono.empty();
        }
        if (type.startsWith("application/json")) {
            return Mono.<Void>fromRunnable(() -> deliverJson(response.body(), awaited))
                    .subscribeOn(Schedulers.boundedElastic());
        }
        discard(response.body());
        return Mono.error(new IOException("POST " + endpoint + " answered with Content-Type \"" + type
                + "\"; expected application/json or text/event-stream"));
    }

    private void deliverJson(InputStream body, Object awaited) {
        String text;
        try {
            text = text(body, MAX_BODY_CHARS);
        } catch (IOException e) {
            fail(awaited, "reading the answer from " + endpoint + " failed: " + describe(e));
            return;
        }
        if (text.isBlank()) {
            fail(awaited, "the server at " + endpoint + " answered with an empty body");
            return;
        }
        try {
            JsonNode tree = Json.parse(text);
            if (tree.isArray()) {
                for (JsonNode item : tree) deliver(parse(Json.write(item)));
            } else {
                deliver(parse(text));
            }
        } catch (IOException | RuntimeException e) {
            fail(
                    awaited,
                    "the server at " + endpoint + " answered with something that is not a JSON-RPC message: "
                            + describe(e));
        }
    }

    /** Reads an SSE stream on its own thread, resuming it while its answer is still owed. */
    private void read(Object awaited, InputStream body) {
        Thread reader = Thread.ofVirtual().name("mcp-http-sse").unstarted(() -> {
            try {
                follow(awaited, body);
            } finally {
                readers.remove(Thread.currentThread());
            }
        });
        readers.add(reader);
        reader.start();
    }

    private void follow(Object awaited, InputStream first) {
        InputStream body = first;
        String lastEventId = null;
        Long retryMillis = null;
        int fruitless = 0;
        while (true) {
            StreamEnd end = consume(body, awaited);
            if (end.lastEventId() != null) lastEventId = end.lastEventId();
            if (end.retryMillis() != null) retryMillis = end.retryMillis();
            fruitless = end.events() > 0 ? 0 : fruitless + 1;
            if (end.answered() || closed.get() || !isWaiting(awaited)) return;
            if (lastEventId == null) {
                fail(
                        awaited,
                        "the event stream from " + endpoint + " ended before the answer"
                                + (end.problem() == null ? "" : " (" + end.problem() + ")")
                                + ", and gave no event id to resume it with");
                return;
            }
            if (fruitless >= MAX_RESUMES) {
                fail(
                        awaited,
                        "the event stream from " + endpoint + " ended before the answer, and " + MAX_RESUMES
                                + " tries to resume it after event " + lastEventId + " brought nothing");
                return;
            }
            long delay = retryMillis != null ? retryMillis : Math.min(10_000, 500L << Math.min(fruitless, 5));
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            if (closed.get()) return;
            body = resume(awaited, lastEventId);
            if (body == null) return;
        }
    }

    private record StreamEnd(boolean answered, int events, String lastEventId, Long retryMillis, String problem) {}

    /** Delivers the stream's messages until it ends or brings the awaited answer. */
    private StreamEnd consume(InputStream body, Object awaited) {
        openBodies.add(body);
        int events = 0;
        SseReader sse = new SseReader(body);
        try (sse) {
            SseEvent event;
            while ((event = sse.next()) != null) {
                events++;
                if (event.data().isBlank() || !"message".equals(event.event())) continue;
                JSONRPCMessage message;
                try {
                    message = parse(event.data());
                } catch (IOException | RuntimeException e) {
                    continue;
                }
                deliver(message);
                if (awaited != null
                        && message instanceof McpSchema.JSONRPCResponse response
                        && awaited.equals(response.id())) {
                    return new StreamEnd(true, events, sse.lastEventId(), sse.retryMillis(), null);
                }
            }
            return new StreamEnd(false, events, sse.lastEventId(), sse.retryMillis(), null);
        } catch (IOException e) {
            return new StreamEnd(false, events, sse.lastEventId(), sse.retryMillis(), describe(e));
        } finally {
            openBodies.remove(body);
        }
    }

    /** GET with Last-Event-ID; the new stream's body, or null when the request failed for good. */
    private InputStream resume(Object awaited, String lastEventId) {
        HttpRequest get = request()
                .GET()
                .setHeader("Accept", "text/event-stream")
                .setHeader("Last-Event-ID", lastEventId)
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(get, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            // Counted as a fruitless try by the caller: an empty stream.
            return InputStream.nullInputStream();
        } catch (InterruptedException e) {
            return null;
        }
        int status = response.statusCode();
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (status == 200 && type.startsWith("text/event-stream")) return response.body();
        discard(response.body());
        fail(
                awaited,
                "the event stream from " + endpoint + " ended before the answer, and resuming it (GET with"
                        + " Last-Event-ID " + lastEventId + ") was answered with HTTP " + status
                        + (status == 405 ? " (the server does not offer resumption)" : ""));
        return null;
    }

    private void deliver(JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCResponse response
                && response.id() != null
                && response.id().equals(initializeId)
                && response.result() instanceof Map<?, ?> result
                && result.get("protocolVersion") instanceof String version) {
            protocolVersion = version;
        }
        receive(message);
    }

    private HttpRequest.Builder request() {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint);
        headers.forEach(builder::header);
        String session = sessionId;
        if (session != null) builder.setHeader(SESSION_HEADER, session);
        String version = protocolVersion;
        if (version != null) builder.setHeader(VERSION_HEADER, version);
        return builder;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.<Void>fromRunnable(this::close).subscribeOn(Schedulers.boundedElastic());
    }

    /** Ends the session (DELETE, as the specification asks), stops every stream, and closes the client. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        readers.forEach(Thread::interrupt);
        for (InputStream body : openBodies) discard(body);
        String session = sessionId;
        if (session != null) {
            try {
                HttpRequest delete =
                        request().DELETE().timeout(Duration.ofSeconds(2)).build();
                http.send(delete, HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                // the server may be gone already
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.shutdownNow();
        failAll("the connection to " + endpoint + " was closed");
    }

    private static String text(InputStream body, long maxChars) throws IOException {
        try (body) {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxChars));
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static void discard(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    static String describe(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ConnectException) return "connection refused";
        if (cause instanceof HttpConnectTimeoutException) return "connection timed out";
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}
