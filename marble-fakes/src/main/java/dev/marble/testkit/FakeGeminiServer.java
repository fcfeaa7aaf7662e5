package dev.marble.testkit;

/**
 * A fake Gemini API: {@code POST /v1beta/models/MODEL:generateContent} and
 * {@code :streamGenerateContent?alt=sse}. {@link #baseUrl()} is {@code http://127.0.0.1:PORT/v1beta}, what
 * GEMINI_BASE_URL takes. Requests are checked as strictly as the real API checks them (a field it does not know
 * anywhere, a wrong role, a function response that answers no call: 400).
 */
public final class FakeGeminiServer extends FakeModelServer {

    private FakeGeminiServer() {
        super(new GeminiWire());
    }

    /** Listens on a free loopback port; close it when done. */
    public static FakeGeminiServer start() {
        return new FakeGeminiServer();
    }

    @Override
    public FakeGeminiServer enqueue(FakeReply... replies) {
        super.enqueue(replies);
        return this;
    }

    @Override
    public FakeGeminiServer requireApiKey(String key) {
        super.requireApiKey(key);
        return this;
    }
}
