package dev.marble.provider.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import dev.marble.model.ChatOptions;
import dev.marble.model.ChatRequest;
import dev.marble.model.ModelRef;
import dev.marble.testkit.FakeOpenAiServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.contract.HttpChatModelContract;
import dev.marble.testkit.contract.HttpFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The openai provider, configured as the official SDKs are: OPENAI_BASE_URL and OPENAI_API_KEY. */
class OpenAiContractTest extends HttpChatModelContract {

    @Override
    protected HttpFixture createFixture() {
        FakeOpenAiServer server = FakeOpenAiServer.start();
        return new HttpFixture(
                server,
                Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-test-abcdefghijklmnopqrst"),
                null,
                new ModelRef("openai", "gpt-4.1-mini"));
    }

    @Override
    protected boolean reportsCacheWrites() {
        return false; // Chat Completions counts cached input, not what was written to the cache
    }

    @Override
    protected boolean sendsReasoningBack() {
        return false; // reasoning_content comes without a signature, and goes back as plain history
    }

    @Override
    protected boolean reportsCost() {
        return false; // Chat Completions says nothing of price: Marble's pricing table does
    }

    @Test
    void sendsTheBearerKeyAndAsksForUsageWhenStreaming() {
        fixture.answer(FakeReply.text("ok"));
        fixture.model().chat(ChatRequest.of("sys", "hi"), new Collecting());
        var seen = fixture.lastRequest().orElseThrow();
        assertThat(seen.header("authorization")).isEqualTo("Bearer sk-test-abcdefghijklmnopqrst");
        assertThat(seen.path()).isEqualTo("/v1/chat/completions");
        assertThat(seen.body().path("stream_options").path("include_usage").asBoolean())
                .isTrue();
        assertThat(seen.body().path("messages").get(0).path("role").asString()).isEqualTo("system");
    }

    @Test
    void optionsArePassedThroughByTheirWireNames() {
        fixture.answer(FakeReply.text("ok"));
        fixture.model()
                .chat(ChatRequest.of(null, "hi")
                        .withOptions(ChatOptions.builder()
                                .temperature(0.2)
                                .topP(0.9)
                                .maxTokens(50)
                                .stopSequences(List.of("END"))
                                .extra("seed", Json.parse("7"))
                                .build()));
        var body = fixture.lastRequest().orElseThrow().body();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("max_tokens").asInt())
                .as("compatible servers know max_tokens")
                .isEqualTo(50);
        assertThat(body.path("stop").get(0).asString()).isEqualTo("END");
        assertThat(body.path("seed").asInt()).isEqualTo(7);
    }
}
