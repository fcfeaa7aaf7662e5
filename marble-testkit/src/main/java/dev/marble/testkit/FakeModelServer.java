package dev.marble.testkit;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import tools.jackson.databind.JsonNode;

/**
 * A fake model provider on 127.0.0.1. Each request is recorded, checked like the real API checks it (auth, then
 * shape), and then answered with the next enqueued {@link FakeReply}, or with an echo of the last user message
 * when none is left. A refused request (401, 400, 404) does not use up a reply. Safe to use from many threads.
 */
public abstract sealed class FakeModelServer implements AutoCloseable permits FakeAnthropicServer, FakeOpenAiServer {
    private final WireFormat wire;
    private final AnswerWriter writer;
    private final FaultPlayer faults;
    private final Queue<FakeReply> replies = new ConcurrentLinkedQueue<>();
    /** Requests kept for inspection by default: the newest ones, so memory stays bounded. */
    static final int KEPT_REQUESTS = 10_000;
    private volatile int kept = KEPT_REQUESTS;
    private final java.util.ArrayDeque<SeenRequest> seen = new java.util.ArrayDeque<>(); // guarded by itself
    private int received; // guarded by seen
    private volatile String requiredKey;
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
        FakeReply.HttpError refusal = refusal(request, body);
        if (refusal != null) {
            writer.error(refusal, exchange);
            return;
        }
        FakeReply.Answer echo = FakeReply.text("echo: " + seenRequest.lastUserText());
        FakeReply reply = replies.poll();
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
