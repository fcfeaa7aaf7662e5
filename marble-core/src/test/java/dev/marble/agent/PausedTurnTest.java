package dev.marble.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import dev.marble.model.ConversationJson;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.provider.anthropic.AnthropicChatModel;
import dev.marble.provider.http.HttpTransport;
import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.FakeServerToolUse;
import dev.marble.testkit.SeenRequest;
import dev.marble.tool.approval.ApprovalGate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * A turn the provider pauses (Anthropic's {@code pause_turn}, while its server tools run) goes on: the run sends the
 * paused answer back, exactly, as the last assistant message, adds no user message, and keeps the whole turn as one
 * assistant message. Real provider, real HTTP, the fake Messages API checking every server block it gets back.
 */
class PausedTurnTest {

    static final String RESULTS = "[{\"type\":\"web_search_result\",\"url\":\"https://example.org/a\","
            + "\"title\":\"A\",\"encrypted_content\":\"Eo8BCioIAhgBIiQ3\",\"page_age\":null}]";

    @TempDir
    Path temp;

    final FakeAnthropicServer server = FakeAnthropicServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    AgentResult run(boolean stream, RunLimits limits) {
        RunFixture fixture = new RunFixture(temp);
        // A sink that shows text deltas makes the provider stream.
        if (stream)
            fixture.bus.subscribe(new dev.marble.event.EventSink() {
                @Override
                public void accept(dev.marble.event.Event event) {}

                @Override
                public boolean wantsTextDeltas() {
                    return true;
                }
            });
        AnthropicChatModel model = new AnthropicChatModel(
                new ModelRef("anthropic", "claude-test"),
                server.baseUrl(),
                Map.of("x-api-key", "k"),
                HttpTransport.create(),
                Duration.ofSeconds(30));
        return fixture.run(model, limits, ApprovalGate.allowingEverything(), RunControl.HEADLESS, List.of());
    }

    static FakeReply.Answer pausedSearch() {
        return FakeReply.text("Searching.")
                .withServerTool(new FakeServerToolUse(
                        "srvtoolu_01", "web_search", "{\"query\":\"a\"}", "web_search_tool_result", RESULTS))
                .withServerTool(FakeServerToolUse.pending("srvtoolu_02", "web_search", "{\"query\":\"b\"}"))
                .paused();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aPausedTurnIsSentBackUnchangedAndGoesOnAsOneAssistantMessage(boolean stream) {
        server.enqueue(pausedSearch(), FakeReply.text("A is at example.org/a."));

        AgentResult result = run(stream, RunLimits.DEFAULTS);

        assertThat(result.ending()).as(result.detail()).isEqualTo(RunEnding.ANSWERED);
        assertThat(result.answer()).isEqualTo("Searching.A is at example.org/a.");
        List<SeenRequest> requests = server.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests).allMatch(request -> request.stream() == stream);
        JsonNode first = requests.get(0).body().path("messages");
        JsonNode second = requests.get(1).body().path("messages");
        // The continuation is the first request plus the paused answer, no user message added.
        assertThat(second).hasSize(first.size() + 1);
        JsonNode echoed = second.get(second.size() - 1);
        assertThat(echoed.path("role").asString()).isEqualTo("assistant");
        assertThat(Json.write(echoed.path("content")))
                .isEqualTo("[{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_01\",\"name\":\"web_search\","
                        + "\"input\":{\"query\":\"a\"}},"
                        + "{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_01\",\"content\":"
                        + RESULTS + "},"
                        + "{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_02\",\"name\":\"web_search\","
                        + "\"input\":{\"query\":\"b\"}},"
                        + "{\"type\":\"text\",\"text\":\"Searching.\"}]");
        // The conversation holds the whole turn as one assistant message: the paused part, then the rest.
        Message turn = result.conversation().getLast();
        assertThat(turn.role()).isEqualTo(Role.ASSISTANT);
        assertThat(turn.parts()).hasSize(5);
        assertThat(turn.parts().get(0)).isInstanceOf(Part.ProviderBlock.class);
        assertThat(turn.parts().get(4)).isEqualTo(new Part.Text("A is at example.org/a."));
        assertThat(result.turns()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void serverBlocksOfAnOrdinaryAnswerGoBackExactlyInTheNextRequest(boolean stream) {
        server.enqueue(
                FakeReply.text("Found it; now the weather.")
                        .withServerTool(new FakeServerToolUse(
                                "srvtoolu_01", "web_search", "{\"query\":\"a\"}", "web_search_tool_result", RESULTS))
                        .withToolCall("toolu_01", "get_weather", "{\"city\":\"Oslo\"}"),
                FakeReply.text("Done."));
        RunFixture fixture = new RunFixture(temp);
        AnthropicChatModel model = new AnthropicChatModel(
                new ModelRef("anthropic", "claude-test"),
                server.baseUrl(),
                Map.of("x-api-key", "k"),
                HttpTransport.create(),
                Duration.ofSeconds(30));

        AgentResult result = fixture.run(
                model,
                RunLimits.DEFAULTS,
                ApprovalGate.allowingEverything(),
                RunControl.HEADLESS,
                List.of(RunFixture.weather()));

        // The fake refuses (400) any server block that does not come back exactly as it went out.
        assertThat(result.ending()).as(result.detail()).isEqualTo(RunEnding.ANSWERED);
        JsonNode assistant = server.lastRequest().body().path("messages").get(1);
        assertThat(assistant.path("content").get(0).path("type").asString()).isEqualTo("server_tool_use");
        assertThat(Json.write(assistant.path("content").get(1).path("content"))).isEqualTo(RESULTS);
        // And they survive Marble's own conversation format (export, import, resume).
        List<Message> again = ConversationJson.readMessages(ConversationJson.messages(result.conversation(), true));
        assertThat(again).isEqualTo(result.conversation());
    }
}
