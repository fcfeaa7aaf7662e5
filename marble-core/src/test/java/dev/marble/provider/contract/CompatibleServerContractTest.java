package dev.marble.provider.contract;

import dev.marble.model.ChatRequest;
import dev.marble.model.ModelRef;
import dev.marble.testkit.FakeOpenAiServer;
import dev.marble.testkit.FakeReply;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An OpenAI-compatible server named in marble.json (as Ollama, vLLM or LM Studio would be): its own
 * base path, no key since it is on this machine.
 */
class CompatibleServerContractTest extends HttpChatModelContract {

    @Override
    protected ProviderFixture createFixture() {
        FakeOpenAiServer server = FakeOpenAiServer.start("/compat/v1");
        String config = "{\"providers\": {\"lab\": {\"type\": \"openai\", \"base_url\": \"" + server.baseUrl() + "\"}}}";
        return new HttpFixture(server, Map.of(), config, new ModelRef("lab", "qwen3:8b"), false, false);
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
