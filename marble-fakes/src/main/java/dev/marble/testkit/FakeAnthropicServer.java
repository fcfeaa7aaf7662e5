package dev.marble.testkit;

/**
 * A fake Anthropic Messages API: {@code POST /v1/messages}, JSON or SSE. {@link #baseUrl()} is
 * {@code http://127.0.0.1:PORT}, what ANTHROPIC_BASE_URL takes.
 */
public final class FakeAnthropicServer extends FakeModelServer {

    private FakeAnthropicServer() {
        super(new AnthropicWire());
    }

    /** Listens on a free loopback port; close it when done. */
    public static FakeAnthropicServer start() {
        return new FakeAnthropicServer();
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
