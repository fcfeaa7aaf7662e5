package dev.marble.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import dev.marble.model.ChatOptions;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.model.ServerTool;
import dev.marble.model.ServerToolUse;
import dev.marble.model.StreamListener;
import dev.marble.provider.http.HttpTransport;
import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.FakeServerToolUse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Anthropic's server tools through the real provider and the fake Messages API over loopback HTTP: the request
 * carries them in Anthropic's exact shape (the fake validates it as the API does), and what the provider reports of
 * their use reaches the listener, streamed or not, while the conversation keeps the text and the server blocks.
 */
class AnthropicServerToolsTest {

    private static final String RESULTS = "[{\"type\":\"web_search_result\",\"url\":\"https://example.org/a\","
            + "\"title\":\"A\",\"encrypted_content\":\"abc\",\"page_age\":null}]";

    private final FakeAnthropicServer server = FakeAnthropicServer.start();
    private final AnthropicChatModel model = new AnthropicChatModel(
            new ModelRef("anthropic", "claude-test"),
            server.baseUrl(),
            Map.of("x-api-key", "k"),
            HttpTransport.create(),
            Duration.ofSeconds(30));

    @AfterEach
    void stop() {
        server.close();
    }

    private static ChatRequest request(List<ServerTool> tools) {
        return new ChatRequest(
                "You search.",
                List.of(Message.user("Find A")),
                List.of(),
                ChatOptions.builder().serverTools(tools).build());
    }

    private static final class Collecting implements StreamListener {
        final boolean stream;
        final List<ServerToolUse> uses = new ArrayList<>();

        Collecting(boolean stream) {
            this.stream = stream;
        }

        @Override
        public boolean wantsDeltas() {
            return stream;
        }

        @Override
        public void onServerTool(ServerToolUse use) {
            uses.add(use);
        }
    }

    @Test
    void theRequestCarriesEachToolInAnthropicsShapeWithTheBetasItNeeds() {
        server.enqueue(FakeReply.text("ok"));

        model.chat(request(List.of(
                new ServerTool(ServerTool.Kind.WEB_SEARCH, 3, List.of("example.org"), null),
                new ServerTool(ServerTool.Kind.WEB_FETCH, null, null, List.of("ads.example.org")),
                new ServerTool(ServerTool.Kind.CODE_EXECUTION, null, null, null))));

        var seen = server.lastRequest();
        assertThat(Json.write(seen.body().path("tools")))
                .isEqualTo("[{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":3,"
                        + "\"allowed_domains\":[\"example.org\"]},"
                        + "{\"type\":\"web_fetch_20250910\",\"name\":\"web_fetch\","
                        + "\"blocked_domains\":[\"ads.example.org\"]},"
                        + "{\"type\":\"code_execution_20250825\",\"name\":\"code_execution\"}]");
        assertThat(seen.header("anthropic-beta")).isEqualTo("web-fetch-2025-09-10,code-execution-2025-08-25");
    }

    @Test
    void withoutServerToolsNothingChanges() {
        server.enqueue(FakeReply.text("ok"));

        model.chat(request(List.of()));

        assertThat(server.lastRequest().body().has("tools")).isFalse();
        assertThat(server.lastRequest().header("anthropic-beta")).isNull();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aUseAndItsResultReachTheListenerAndTheConversationKeepsTheBlocksAsSent(boolean stream) {
        server.enqueue(FakeReply.text("Found A.")
                .withServerTool(new FakeServerToolUse(
                        "srvtoolu_01", "web_search", "{\"query\":\"a\"}", "web_search_tool_result", RESULTS))
                .withServerTool(new FakeServerToolUse(
                        "srvtoolu_02",
                        "web_search",
                        "{\"query\":\"b\"}",
                        "web_search_tool_result",
                        "{\"type\":\"web_search_tool_result_error\",\"error_code\":\"max_uses_exceeded\"}")));
        Collecting listener = new Collecting(stream);

        ChatResponse response =
                model.chat(request(List.of(new ServerTool(ServerTool.Kind.WEB_SEARCH, 1, null, null))), listener);

        assertThat(listener.uses).hasSize(2);
        ServerToolUse first = listener.uses.getFirst();
        assertThat(first.id()).isEqualTo("srvtoolu_01");
        assertThat(first.name()).isEqualTo("web_search");
        assertThat(Json.write(first.input())).isEqualTo("{\"query\":\"a\"}");
        assertThat(Json.write(first.result())).isEqualTo(RESULTS);
        assertThat(first.isError()).isFalse();
        assertThat(listener.uses.get(1).isError()).isTrue();
        assertThat(response.message().role()).isEqualTo(Role.ASSISTANT);
        // The conversation keeps the text and, for the API that wants them back unchanged, the server blocks as sent.
        assertThat(response.text()).isEqualTo("Found A.");
        assertThat(response.message().parts()).hasSize(5);
        assertThat(response.message().parts().getLast()).isEqualTo(new Part.Text("Found A."));
        List<String> blocks = response.message().parts().stream()
                .filter(Part.ProviderBlock.class::isInstance)
                .map(part -> (Part.ProviderBlock) part)
                .peek(block -> assertThat(block.provider()).isEqualTo("anthropic"))
                .map(block -> block.block().path("type").asString())
                .toList();
        assertThat(blocks)
                .containsExactly(
                        "server_tool_use", "web_search_tool_result", "server_tool_use", "web_search_tool_result");
        assertThat(Json.write(((Part.ProviderBlock) response.message().parts().getFirst()).block()))
                .isEqualTo("{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_01\",\"name\":\"web_search\","
                        + "\"input\":{\"query\":\"a\"}}");
    }
}
