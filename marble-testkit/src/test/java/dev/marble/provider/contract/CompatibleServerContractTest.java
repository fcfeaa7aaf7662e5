package dev.marble.provider.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.model.ChatRequest;
import dev.marble.model.ModelRef;
import dev.marble.testkit.FakeOpenAiServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.contract.HttpChatModelContract;
import dev.marble.testkit.contract.HttpFixture;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An OpenAI-compatible server named in marble.json (as Ollama, vLLM or LM Studio would be): its own
 * base path, no key since it is on this machine.
 */
class CompatibleServerContractTest extends HttpChatModelContract {

    @Override
    protected HttpFixture createFixture() {
        FakeOpenAiServer server = FakeOpenAiServer.start("/compat/v1");
        String config =
                "{\"providers\": {\"lab\": {\"type\": \"openai\", \"base_url\": \"" + server.baseUrl() + "\"}}}";
        return new HttpFixture(server, Map.of(), config, new ModelRef("lab", "qwen3:8b"));
    }

    @Override
    protected boolean reportsCacheWrites() {
        return false; // the Chat Completions wire has no figure for cache writes
    }

    @Override
    protected boolean sendsReasoningBack() {
        return false; // reasoning_content comes without a signature, and goes back as plain history
    }

    @Override
    protected boolean reportsCost() {
        return false; // a compatible server's price is not known to it: the pricing table's entry (or none) decides
    }

    @Test
    void reachesTheConfiguredBasePathWithoutAKey() {
        fixture.answer(FakeReply.text("ok"));
        fixture.model().chat(ChatRequest.of(null, "hi"));
        var seen = fixture.lastRequest().orElseThrow();
        assertThat(seen.path()).isEqualTo("/compat/v1/chat/completions");
        assertThat(seen.header("authorization")).isNull();
        assertThat(seen.body().path("model").asString()).isEqualTo("qwen3:8b");
    }
}
