package dev.marble.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A fake model provider on 127.0.0.1. Each request is recorded, checked like the real API checks it (auth, then
 * shape), and then answered with the next enqueued {@link FakeReply}; when none is left, with what the
 * {@linkplain #respondWith responder} computes from the request, if one is set, or else with an echo of the last
 * user message. A refused request (401, 400, 404) does not use up a reply. Safe to use from many threads.
 */
public abstract sealed class FakeModelServer implements AutoCloseable
        permits FakeAnthropicServer, FakeOpenAiServer, FakeGeminiServer {
    private final WireFormat wire;
    private final AnswerWriter writer;
    private final FaultPlayer faults;
    private final Queue<FakeReply> replies = new ConcurrentLinkedQueue<>();
    /** Requests kept for inspection by default: the newest ones, so memory stays bounded. */
    static final int KEPT_REQUESTS = 10_000;

    private volatile int kept = KEPT_REQUESTS;
    private final ArrayDeque<SeenRequest> seen = new ArrayDeque<>(); // guarded by itself
    private int received; // guarded by seen
    private volatile String requiredKey;
    private volatile Function<SeenRequest, FakeReply> responder;
    private volatile Duration latency = Duration.ZERO;
    private final LoopbackHttpServer http;

    FakeModelServer(WireFormat wire) {
        this.wire = wire;
        this.writer = new AnswerWriter(wire);
        this.faults = new FaultPlayer(writer);
        this.http = LoopbackHttpServer.start(this::handle);
    }

    public int port() {
        return http.port();
    }

    /** Where a client points its base URL; see the subclasses for the exact shape. */
    public String baseUrl() {
        return wire.baseUrl(port());
    }

    /** Replies for the next requests, one each, in order. */
    public FakeModelServer enqueue(FakeReply... replies) {
        for (FakeReply reply : replies) {
            this.replies.add(Objects.requireNonNull(reply, "reply"));
        }
        return this;
    }

    /**
     * Drops the replies no request has used yet: a server shared by several tests starts each one clean, even
     * after a test failed before its requests used their replies.
     */
    public FakeModelServer clearReplies() {
        replies.clear();
        return this;
    }

    /**
     * From now on, answers each request for which no enqueued reply is left with {@code responder}'s reply to
     * it ({@code null}: back to the echo). The reply depends on the request alone, so many conversations can
     * interleave on one server, as the single queue of {@link #enqueue} cannot: e.g. count the tool results in
     * {@link SeenRequest#messages()} to tell the first call of a run from its last. Enqueued replies still come
     * first, so a test can put an error or a fault in front. The responder runs on the connection's thread, many
     * at once: it must be thread-safe. A responder that returns {@code null} gets the echo; one that throws gets
     * the client a 500.
     */
    public FakeModelServer respondWith(Function<SeenRequest, FakeReply> responder) {
        this.responder = responder;
        return this;
    }

    /**
     * From now on, waits {@code latency} before every response the server sends (answers, errors and faults,
     * refusals included), on top of a reply's own delay: a model that takes time to think. The wait is a sleep on
     * the connection's own virtual thread, so other connections are answered meanwhile. {@link Duration#ZERO}
     * (the default) waits nothing.
     */
    public FakeModelServer withLatency(Duration latency) {
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("negative latency: " + latency);
        }
        this.latency = latency;
        return this;
    }

    /** The requests received so far (the newest 10,000), refused ones included, in order of arrival. */
    public List<SeenRequest> requests() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** The latest request; IllegalStateException when there was none. */
    public SeenRequest lastRequest() {
        synchronized (seen) {
            if (seen.isEmpty()) {
                throw new IllegalStateException("the fake has received no request yet");
            }
            return seen.getLast();
        }
    }

    /**
     * Keeps only the newest {@code count} requests for {@link #requests()} (0: none). A benchmark keeps
     * none, so that the fake's memory does not make every garbage collection slower.
     */
    public FakeModelServer keepRequests(int count) {
        if (count < 0) throw new IllegalArgumentException("count must be 0 or more");
        this.kept = count;
        return this;
    }

    /** How many requests arrived, all of them counted. */
    public int requestCount() {
        synchronized (seen) {
            return received;
        }
    }

    /** How many TCP connections the server accepted: with keep-alive, fewer than requests. */
    public int connectionCount() {
        return http.acceptedConnections();
    }

    /** From now on, requests without this key get a 401 in the API's own error format. */
    public FakeModelServer requireApiKey(String key) {
        this.requiredKey = Objects.requireNonNull(key, "key");
        return this;
    }

    @Override
    public void close() {
        http.close();
    }

    private void handle(RawRequest request, RawExchange exchange) throws IOException {
        JsonNode body = Json.parseOrNull(request.body());
        SeenRequest seenRequest = wire.read(request, body);
        synchronized (seen) {
            if (kept > 0) {
                if (seen.size() >= kept) seen.removeFirst();
                seen.add(seenRequest);
            }
            received++;
        }
        RawExchange.sleep(latency);
        FakeReply.HttpError refusal = refusal(request, body);
        if (refusal != null) {
            writer.error(refusal, exchange);
            return;
        }
        FakeReply.Answer echo = FakeReply.text("echo: " + seenRequest.lastUserText());
        FakeReply reply = replies.poll();
        if (reply == null) {
            Function<SeenRequest, FakeReply> respond = responder;
            if (respond != null) {
                reply = respond.apply(seenRequest);
            }
        }
        switch (reply == null ? echo : reply) {
            case FakeReply.Answer answer -> writer.answer(answer, seenRequest, exchange);
            case FakeReply.HttpError error -> writer.error(error, exchange);
            case FakeReply.Fault fault -> faults.play(fault, echo, seenRequest, exchange);
        }
    }

    /** What the real API would refuse before a model sees the request, in the order it checks. */
    private FakeReply.HttpError refusal(RawRequest request, JsonNode body) {
        if (!wire.isEndpoint(request)) {
            return wire.notFound(request);
        }
        String key = requiredKey;
        if (key != null) {
            FakeReply.HttpError unauthorized = wire.checkKey(request.headers(), key);
            if (unauthorized != null) {
                return unauthorized;
            }
        }
        return wire.validate(request, body);
    }
}
