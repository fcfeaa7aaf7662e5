package dev.marble.testkit;

import java.util.function.Predicate;

/**
 * A fake Anthropic Messages API: {@code POST /v1/messages}, JSON or SSE. {@link #baseUrl()} is
 * {@code http://127.0.0.1:PORT}, what ANTHROPIC_BASE_URL takes. {@link #vertex} serves it as Vertex AI does.
 */
public final class FakeAnthropicServer extends FakeModelServer {

    private FakeAnthropicServer(AnthropicWire wire) {
        super(wire);
    }

    /** Listens on a free loopback port; close it when done. */
    public static FakeAnthropicServer start() {
        return new FakeAnthropicServer(new AnthropicWire());
    }

    /**
     * Claude on Vertex AI for {@code project} in {@code region}: {@link #baseUrl()} is
     * {@code http://127.0.0.1:PORT/v1}, what ANTHROPIC_VERTEX_BASE_URL takes; requests go to
     * {@code .../projects/P/locations/R/publishers/anthropic/models/M:rawPredict} or {@code :streamRawPredict}, carry
     * no {@code model} but {@code anthropic_version: vertex-2023-10-16}, and a bearer token {@code tokens} accepts
     * (such as {@link FakeGoogleTokenServer#isCurrent}); anything else is refused as Vertex refuses it.
     */
    public static FakeAnthropicServer vertex(String project, String region, Predicate<String> tokens) {
        return new FakeAnthropicServer(new AnthropicWire(new VertexRoute(project, region, tokens)));
    }

    @Override
    public FakeAnthropicServer enqueue(FakeReply... replies) {
        super.enqueue(replies);
        return this;
    }

    @Override
    public FakeAnthropicServer requireApiKey(String key) {
        super.requireApiKey(key);
        return this;
    }
}
