package dev.marble.provider.contract;

import dev.marble.error.ModelException;
import dev.marble.json.Json;
import dev.marble.model.ChatOptions;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.model.StopReason;
import dev.marble.model.StreamListener;
import dev.marble.model.ToolSpec;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenMessage;
import dev.marble.testkit.SeenRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every provider does, whatever its wire: answers, streams, carries tool calls both ways,
 * reports usage, keeps reasoning. Each provider's test extends this with its own fixture, as
 * LangChain4j's providers extend one abstract suite.
 */
abstract class ChatModelContract {

    protected ProviderFixture fixture;

    protected abstract ProviderFixture createFixture() throws Exception;

    static final ToolSpec WEATHER = new ToolSpec("get_weather", "Current weather in a city",
            Json.parse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"));
    static final ToolSpec TIME = new ToolSpec("get_time", "Current time in a city",
            Json.parse("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"));

    @BeforeEach
    void createTheFixture() throws Exception {
        fixture = createFixture();
    }

    @AfterEach
    void closeTheFixture() {
        fixture.close();
    }

    /** A listener that wants deltas and keeps them. */
    static final class Collecting implements StreamListener {
        final List<String> text = new ArrayList<>();
        final List<Part.ToolCall> toolCalls = new ArrayList<>();

        @Override
        public void onText(String delta) {
            text.add(delta);
        }

        @Override
        public void onToolCall(Part.ToolCall call) {
            toolCalls.add(call);
        }
    }

    static StreamListener listener(boolean stream) {
        return stream ? new Collecting() : StreamListener.NONE;
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void answersWithTextUsageAndStopReason(boolean stream) {
        fixture.answer(FakeReply.text("Hello there, friend.").withUsage(11, 7, 0, 0));
        ChatResponse response = fixture.model().chat(ChatRequest.of(null, "Say hello"), listener(stream));
        assertThat(response.text()).isEqualTo("Hello there, friend.");
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.usage().inputTokens()).isEqualTo(11);
        assertThat(response.usage().outputTokens()).isEqualTo(7);
        assertThat(response.model().provider()).isEqualTo(fixture.model().ref().provider());
    }

    @Test
    void streamedDeltasAddUpToTheAnswer() {
        fixture.answer(FakeReply.text("One two three four five six seven eight."));
        Collecting listener = new Collecting();
        ChatResponse response = fixture.model().chat(ChatRequest.of(null, "Count"), listener);
        assertThat(String.join("", listener.text)).isEqualTo(response.text()).isEqualTo("One two three four five six seven eight.");
        assertThat(listener.text).as("the answer arrives in pieces").hasSizeGreaterThan(1);
    }

    @Test
    void systemPromptAndUserMessageReachThePeer() {
        fixture.answer(FakeReply.text("pong"));
        fixture.model().chat(ChatRequest.of("Answer in one word.", "ping"));
        fixture.lastRequest().ifPresent(seen -> {
            assertThat(seen.system()).isEqualTo("Answer in one word.");
            assertThat(seen.lastUserText()).isEqualTo("ping");
        });
    }

    @Test
    void multiTurnHistoryIsSentInOrder() {
        List<Message> history = List.of(Message.user("Capital of France?"), Message.assistant("Paris."),
                Message.user("And of Italy?"));
        fixture.answer(FakeReply.text("Rome."));
        ChatResponse response = fixture.model().chat(new ChatRequest(null, history, List.of(), ChatOptions.DEFAULTS));
        assertThat(response.text()).isNotBlank();
        fixture.lastRequest().ifPresent(seen -> assertThat(seen.messages())
                .extracting(SeenMessage::role, SeenMessage::text)
                .containsSubsequence(
                        org.assertj.core.groups.Tuple.tuple("user", "Capital of France?"),
                        org.assertj.core.groups.Tuple.tuple("assistant", "Paris."),
                        org.assertj.core.groups.Tuple.tuple("user", "And of Italy?")));
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void toolCallRoundTrip(boolean stream) {
        if (!fixture.offersTools()) {
            assertToolsAreRefused();
            return;
        }
        fixture.answer(FakeReply.text("Let me check.").withToolCall("get_weather", "{\"city\":\"Paris\"}"));
        fixture.answer(FakeReply.text("It is sunny in Paris."));
        var model = fixture.model();
        ChatRequest first = new ChatRequest("You help with weather.", List.of(Message.user("Weather in Paris?")),
                List.of(WEATHER), ChatOptions.DEFAULTS);
        ChatResponse asked = model.chat(first, listener(stream));
        assertThat(asked.stopReason()).isEqualTo(StopReason.TOOL_USE);
        Part.ToolCall call = asked.message().toolCalls().getFirst();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.arguments().path("city").asString()).isEqualTo("Paris");
        assertThat(call.id()).isNotBlank();
        fixture.lastRequest().ifPresent(seen -> assertThat(seen.toolNames()).containsExactly("get_weather"));

        List<Message> history = new ArrayList<>(first.messages());
        history.add(asked.message());
        history.add(new Message(Role.USER, List.of(new Part.ToolResult(call.id(), "sunny, 21 C", false))));
        ChatResponse answered = model.chat(new ChatRequest(first.system(), history, first.tools(), ChatOptions.DEFAULTS),
                listener(stream));
        assertThat(answered.text()).isEqualTo("It is sunny in Paris.");
        assertThat(answered.stopReason()).isEqualTo(StopReason.END_TURN);
        fixture.lastRequest().ifPresent(seen -> {
            var results = seen.messages().stream().flatMap(m -> m.toolResults().stream()).toList();
            assertThat(results).singleElement().satisfies(result -> {
                assertThat(result.toolCallId()).isEqualTo(call.id());
                assertThat(result.content()).isEqualTo("sunny, 21 C");
            });
            var calls = seen.messages().stream().flatMap(m -> m.toolCalls().stream()).toList();
            assertThat(calls).singleElement().satisfies(c -> {
                assertThat(c.id()).isEqualTo(call.id());
                assertThat(Json.parse(c.argumentsJson())).isEqualTo(call.arguments());
            });
        });
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void parallelToolCallsKeepTheirOrderAndAreAnsweredTogether(boolean stream) {
        if (!fixture.offersTools()) {
            assertToolsAreRefused();
            return;
        }
        fixture.answer(FakeReply.toolCall("get_weather", "{\"city\":\"Oslo\"}").withToolCall("get_time", "{\"city\":\"Oslo\"}"));
        fixture.answer(FakeReply.text("Cold, and it is noon."));
        var model = fixture.model();
        List<Message> history = new ArrayList<>(List.of(Message.user("Weather and time in Oslo?")));
        ChatResponse asked = model.chat(new ChatRequest(null, history, List.of(WEATHER, TIME), ChatOptions.DEFAULTS), listener(stream));
        assertThat(asked.message().toolCalls()).extracting(Part.ToolCall::name).containsExactly("get_weather", "get_time");
        history.add(asked.message());
        List<Part> results = new ArrayList<>();
        for (Part.ToolCall call : asked.message().toolCalls()) {
            results.add(new Part.ToolResult(call.id(), call.name().equals("get_weather") ? "-3 C" : "12:00", false));
        }
        history.add(new Message(Role.USER, results));
        ChatResponse answered = model.chat(new ChatRequest(null, history, List.of(WEATHER, TIME), ChatOptions.DEFAULTS), listener(stream));
        assertThat(answered.text()).isEqualTo("Cold, and it is noon.");
        fixture.lastRequest().ifPresent(seen -> assertThat(seen.messages().stream()
                .flatMap(m -> m.toolResults().stream()).map(r -> r.content()).toList()).containsExactly("-3 C", "12:00"));
    }

    @Test
    void aToolErrorReachesTheModelAsAResult() {
        if (!fixture.offersTools()) {
            assertToolsAreRefused();
            return;
        }
        fixture.answer(FakeReply.toolCall("get_weather", "{\"city\":\"Atlantis\"}"));
        fixture.answer(FakeReply.text("That city does not exist."));
        var model = fixture.model();
        List<Message> history = new ArrayList<>(List.of(Message.user("Weather in Atlantis?")));
        ChatResponse asked = model.chat(new ChatRequest(null, history, List.of(WEATHER), ChatOptions.DEFAULTS));
        history.add(asked.message());
        history.add(new Message(Role.USER, List.of(new Part.ToolResult(asked.message().toolCalls().getFirst().id(),
                "unknown city: Atlantis", true))));
        assertThat(model.chat(new ChatRequest(null, history, List.of(WEATHER), ChatOptions.DEFAULTS)).text())
                .isEqualTo("That city does not exist.");
        fixture.lastRequest().ifPresent(seen -> assertThat(seen.messages().stream()
                .flatMap(m -> m.toolResults().stream()).toList()).singleElement()
                .satisfies(result -> assertThat(result.content()).contains("unknown city: Atlantis")));
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void cacheTokensAreReportedApartFromInput(boolean stream) {
        fixture.answer(FakeReply.text("cached").withUsage(100, 20, 300, 50));
        ChatResponse response = fixture.model().chat(ChatRequest.of("A long system prompt.", "hi")
                .withOptions(ChatOptions.builder().promptCaching(true).build()), listener(stream));
        assertThat(response.usage().inputTokens()).isEqualTo(100);
        assertThat(response.usage().outputTokens()).isEqualTo(20);
        assertThat(response.usage().cacheReadTokens()).isEqualTo(300);
        assertThat(response.usage().cacheWriteTokens()).isEqualTo(fixture.reportsCacheWrites() ? 50 : 0);
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void reasoningIsKeptAndSentBackWithItsSignature(boolean stream) {
        if (!fixture.offersTools()) return; // the Claude Code CLI keeps its own thinking; nothing to carry
        fixture.answer(FakeReply.text("42.").withThinking("Six times seven.", "sig-abc123"));
        fixture.answer(FakeReply.text("Yes."));
        var model = fixture.model();
        ChatResponse first = model.chat(ChatRequest.of(null, "Six times seven?"), listener(stream));
        Part.Reasoning reasoning = (Part.Reasoning) first.message().parts().stream()
                .filter(Part.Reasoning.class::isInstance).findFirst().orElseThrow();
        assertThat(reasoning.text()).isEqualTo("Six times seven.");
        assertThat(first.text()).isEqualTo("42.");
        if (!fixture.sendsThinkingBack()) return;
        assertThat(reasoning.signature()).isEqualTo("sig-abc123");
        List<Message> history = List.of(Message.user("Six times seven?"), first.message(), Message.user("Sure?"));
        model.chat(new ChatRequest(null, history, List.of(), ChatOptions.DEFAULTS), listener(stream));
        fixture.lastRequest().ifPresent(seen -> assertThat(seen.body().path("messages").get(1).path("content").get(0)
                .path("signature").asString()).isEqualTo("sig-abc123"));
    }

    private void assertToolsAreRefused() {
        ChatRequest withTools = new ChatRequest(null, List.of(Message.user("Weather?")), List.of(WEATHER), ChatOptions.DEFAULTS);
        assertThatThrownBy(() -> fixture.model().chat(withTools))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("Marble's tools cannot be offered")
                .satisfies(e -> assertThat(((ModelException) e).retryable()).isFalse());
    }
}
