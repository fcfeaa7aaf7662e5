package dev.marble.testkit;

/**
 * A fake OpenAI Chat Completions API: {@code POST <basePath>/chat/completions}, JSON or SSE. {@link #baseUrl()}
 * is {@code http://127.0.0.1:PORT<basePath>}, what OPENAI_BASE_URL takes.
 */
public final class FakeOpenAiServer extends FakeModelServer {

    private FakeOpenAiServer(String basePath) {
        super(new OpenAiWire(basePath));
    }

    /** Listens on a free loopback port under {@code /v1}; close it when done. */
    public static FakeOpenAiServer start() {
        return start("/v1");
    }

    /** Under another base path, e.g. "/compat/v1", as "OpenAI-compatible" servers have. */
    public static FakeOpenAiServer start(String basePath) {
        return new FakeOpenAiServer(basePath);
    }

    @Override
    public FakeOpenAiServer enqueue(FakeReply... replies) {
        super.enqueue(replies);
        return this;
    }

    @Override
    public FakeOpenAiServer requireApiKey(String key) {
        super.requireApiKey(key);
        return this;
    }
}
