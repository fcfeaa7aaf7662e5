package dev.marble.provider.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.model.ChatOptions;
import dev.marble.model.ChatRequest;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.contract.HttpChatModelContract;
import dev.marble.testkit.contract.HttpFixture;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The anthropic provider, configured as its users do: ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY. */
class AnthropicContractTest extends HttpChatModelContract {

    @Override
    protected HttpFixture createFixture() {
        FakeAnthropicServer server = FakeAnthropicServer.start();
        return new HttpFixture(
                server,
                Map.of("ANTHROPIC_BASE_URL", server.baseUrl(), "ANTHROPIC_API_KEY", "sk-ant-test-1234567890"),
                null,
                new ModelRef("anthropic", "claude-sonnet-4-6"));
    }

    @Override
    protected boolean reportsCost() {
        return false; // the Messages API says nothing of price: Marble's pricing table does
    }

    @Test
    void sendsTheHeadersTheApiRequires() {
        fixture.answer(FakeReply.text("ok"));
        fixture.model().chat(ChatRequest.of(null, "hi"));
        var seen = fixture.lastRequest().orElseThrow();
        assertThat(seen.header("x-api-key")).isEqualTo("sk-ant-test-1234567890");
        assertThat(seen.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(seen.path()).isEqualTo("/v1/messages");
        assertThat(seen.body().path("max_tokens").asInt()).isEqualTo(8192);
    }

    @Test
    void promptCachingMarksSystemToolsAndTheNewestUserMessage() {
        fixture.answer(FakeReply.text("ok"));
        fixture.model()
                .chat(new ChatRequest(
                        "Long instructions.",
                        List.of(Message.user("hi")),
                        List.of(WEATHER),
                        ChatOptions.builder().promptCaching(true).build()));
        var body = fixture.lastRequest().orElseThrow().body();
        assertThat(body.path("system").get(0).path("cache_control").path("type").asString())
                .isEqualTo("ephemeral");
        assertThat(body.path("tools").get(0).path("cache_control").path("type").asString())
                .isEqualTo("ephemeral");
        assertThat(body.path("messages")
                        .get(0)
                        .path("content")
                        .get(0)
                        .path("cache_control")
                        .path("type")
                        .asString())
                .isEqualTo("ephemeral");
    }

    @Test
    void thinkingBudgetLeavesRoomForTheAnswer() {
        fixture.answer(FakeReply.text("ok"));
        fixture.model()
                .chat(ChatRequest.of(null, "hi")
                        .withOptions(
                                ChatOptions.builder().thinkingBudgetTokens(4000).build()));
        var body = fixture.lastRequest().orElseThrow().body();
        assertThat(body.path("thinking").path("budget_tokens").asInt()).isEqualTo(4000);
        assertThat(body.path("max_tokens").asInt()).isGreaterThan(4000);
    }

    @Test
    void anAuthTokenIsSentAsBearerWhenThereIsNoKey() {
        FakeAnthropicServer server = FakeAnthropicServer.start();
        try (HttpFixture tokenOnly = new HttpFixture(
                server,
                Map.of("ANTHROPIC_BASE_URL", server.baseUrl(), "ANTHROPIC_AUTH_TOKEN", "oauth-token-abcdef"),
                null,
                new ModelRef("anthropic", "claude-sonnet-4-6"))) {
            tokenOnly.answer(FakeReply.text("ok"));
            tokenOnly.model().chat(ChatRequest.of(null, "hi"));
            assertThat(server.lastRequest().header("authorization")).isEqualTo("Bearer oauth-token-abcdef");
            assertThat(server.lastRequest().header("x-api-key")).isNull();
        }
    }
}
