package dev.marble.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.ModelException;
import dev.marble.json.Json;
import dev.marble.model.ChatOptions;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Cost;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.model.StopReason;
import dev.marble.model.StreamListener;
import dev.marble.model.ToolSpec;
import dev.marble.model.Usage;
import dev.marble.provider.ChatModel;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every provider does, whatever its wire: answers, streams, carries tool calls both ways, reports
 * usage and cost, keeps reasoning. A provider's test extends this with its own {@link ProviderFixture}, as
 * LangChain4j's providers extend one abstract suite.
 *
 * <p>Each test scripts what the peer answers ({@link ProviderFixture#answer}) and asks a question a real model
 * would answer the same way. Against a peer that follows the script, the answer is checked exactly; against a
 * real model ({@link #followsScript()} off), its shape is: a tool call that names an offered tool, a stop
 * reason that fits, deltas that add up, usage that is there.
 *
 * <p>The capability switches ({@code supportsTools()}, {@code reportsCacheWrites()}, ...) all default to the
 * whole contract. A provider that lacks something overrides its switch, with a comment saying why; the tests
 * that need it then check how the provider does without it: a request it cannot serve (tools, a system prompt)
 * is refused as a bad request, never served in part; usage it does not count is zero, never made up; an answer
 * without reasoning has no reasoning part. No test is skipped.
 */
public abstract class ChatModelContract {

    protected static final ToolSpec WEATHER = new ToolSpec(
            "get_weather",
            "Current weather in a city",
            Json.parse(
                    "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"));
    protected static final ToolSpec TIME = new ToolSpec(
            "get_time",
            "Current time in a city",
            Json.parse(
                    "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"));

    protected ProviderFixture fixture;

    protected abstract ProviderFixture createFixture() throws Exception;

    // The capability switches. Each defaults to what the whole contract checks.

    /**
     * Whether the peer answers what the test scripted (a fake server, a stand-in CLI, a replay). Off for a real
     * model: the suite then checks the shape of each answer, not its words or its token counts.
     */
    protected boolean followsScript() {
        return true;
    }

    /** Whether Marble's tools can be offered. Off: a request with tools must fail as a bad request, not retried. */
    protected boolean supportsTools() {
        return true;
    }

    /** Whether a streamed answer arrives in more than one delta. */
    protected boolean supportsStreaming() {
        return true;
    }

    /**
     * Whether a system prompt is given to the model (and, with a wire, reaches the peer as one). Off: a request
     * with one must fail as a bad request.
     */
    protected boolean supportsSystemPrompt() {
        return true;
    }

    /** Whether each response counts the input and output tokens. Off: its usage must be zero. */
    protected boolean reportsUsage() {
        return true;
    }

    /** Whether tokens read from a prompt cache are counted apart from the input. */
    protected boolean reportsCacheReads() {
        return true;
    }

    /** Whether tokens written to a prompt cache are counted apart (OpenAI has no such figure). */
    protected boolean reportsCacheWrites() {
        return true;
    }

    /**
     * Whether the provider states each call's cost itself: what it charged (the Claude Code CLI) or that it was
     * free (a local model, a replay). Off: the cost is left unknown for Marble's pricing table, never zero.
     */
    protected boolean reportsCost() {
        return true;
    }

    /** Whether the model's reasoning comes back as a {@link Part.Reasoning}. Off: no response may carry one. */
    protected boolean supportsReasoning() {
        return true;
    }

    /** Whether reasoning is given back to the provider with its signature (Anthropic's protocol). */
    protected boolean sendsReasoningBack() {
        return true;
    }

    @BeforeEach
    void createTheFixture() throws Exception {
        fixture = createFixture();
    }

    @AfterEach
    void closeTheFixture() {
        fixture.close();
    }

    /** A listener that wants deltas and keeps them. */
    protected static final class Collecting implements StreamListener {
        private final List<String> text = new ArrayList<>();
        private final List<Part.ToolCall> toolCalls = new ArrayList<>();

        public Collecting() {}

        @Override
        public void onText(String delta) {
            text.add(delta);
        }

        @Override
        public void onToolCall(Part.ToolCall call) {
            toolCalls.add(call);
        }

        public List<String> deltas() {
            return Collections.unmodifiableList(text);
        }

        public List<Part.ToolCall> toolCalls() {
            return Collections.unmodifiableList(toolCalls);
        }
    }

    protected static StreamListener listener(boolean stream) {
        return stream ? new Collecting() : StreamListener.NONE;
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void answersWithTextUsageAndStopReason(boolean stream) {
        fixture.answer(FakeReply.text("Hello there, friend.").withUsage(11, 7, 0, 0));
        ChatResponse response = fixture.model().chat(ChatRequest.of(null, "Say hello"), listener(stream));
        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.model().provider()).isEqualTo(fixture.model().ref().provider());
        if (followsScript()) {
            assertThat(response.text()).isEqualTo("Hello there, friend.");
            if (reportsUsage()) {
                assertThat(response.usage().inputTokens()).isEqualTo(11);
                assertThat(response.usage().outputTokens()).isEqualTo(7);
            }
        } else {
            assertThat(response.text()).isNotBlank();
            if (reportsUsage()) {
                assertThat(response.usage().inputTokens() + response.usage().cacheReadTokens())
                        .isPositive();
                assertThat(response.usage().outputTokens()).isPositive();
            }
        }
    }

    @Test
    void streamedDeltasAddUpToTheAnswer() {
        fixture.answer(FakeReply.text("One two three four five six seven eight."));
        Collecting listener = new Collecting();
        ChatResponse response = fixture.model().chat(ChatRequest.of(null, "Count"), listener);
        assertThat(String.join("", listener.deltas())).isEqualTo(response.text());
        if (followsScript()) assertThat(response.text()).isEqualTo("One two three four five six seven eight.");
        else assertThat(response.text()).isNotBlank();
        if (supportsStreaming())
            assertThat(listener.deltas()).as("the answer arrives in pieces").hasSizeGreaterThan(1);
    }

    @Test
    void systemPromptAndUserMessageReachThePeer() {
        fixture.answer(FakeReply.text("pong"));
        ChatRequest request = ChatRequest.of("Answer in one word.", "ping");
        if (!supportsSystemPrompt()) {
            // Dropping the instructions without a word would let a run go on without its rules.
            assertRefusedAsABadRequest(request);
            return;
        }
        ChatResponse response = fixture.model().chat(request);
        if (followsScript()) assertThat(response.text()).isEqualTo("pong");
        else assertThat(response.text()).isNotBlank();
        fixture.lastRequest().ifPresent(seen -> {
            assertThat(seen.system()).isEqualTo("Answer in one word.");
            assertThat(seen.lastUserText()).isEqualTo("ping");
        });
    }

    @Test
    void multiTurnHistoryIsSentInOrder() {
        List<Message> history =
                List.of(Message.user("Capital of France?"), Message.assistant("Paris."), Message.user("And of Italy?"));
        fixture.answer(FakeReply.text("Rome."));
        ChatResponse response = fixture.model().chat(new ChatRequest(null, history, List.of(), ChatOptions.DEFAULTS));
        assertThat(response.text()).isNotBlank();
        fixture.lastRequest()
                .ifPresent(seen -> assertThat(seen.messages())
                        .extracting(SeenMessage::role, SeenMessage::text)
                        .containsSubsequence(
                                Tuple.tuple("user", "Capital of France?"),
                                Tuple.tuple("assistant", "Paris."),
                                Tuple.tuple("user", "And of Italy?")));
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void toolCallRoundTrip(boolean stream) {
        if (!supportsTools()) {
            assertToolsAreRefused();
            return;
        }
        fixture.answer(FakeReply.text("Let me check.").withToolCall("get_weather", "{\"city\":\"Paris\"}"));
        fixture.answer(FakeReply.text("It is sunny in Paris."));
        ChatModel model = fixture.model();
        ChatRequest first = new ChatRequest(
                "You help with weather.",
                List.of(Message.user("Weather in Paris?")),
                List.of(WEATHER),
                ChatOptions.DEFAULTS);
        ChatResponse asked = model.chat(first, listener(stream));
        assertThat(asked.stopReason()).isEqualTo(StopReason.TOOL_USE);
        Part.ToolCall call = asked.message().toolCalls().getFirst();
        assertThat(call.name()).isEqualTo("get_weather");
        if (followsScript())
            assertThat(call.arguments().path("city").asString()).isEqualTo("Paris");
        else
            assertThat(call.arguments().path("city").isString())
                    .as("a city, as the schema requires")
                    .isTrue();
        assertThat(call.id()).isNotBlank();
        fixture.lastRequest().ifPresent(seen -> assertThat(seen.toolNames()).containsExactly("get_weather"));

        List<Message> history = new ArrayList<>(first.messages());
        history.add(asked.message());
        history.add(new Message(Role.USER, List.of(new Part.ToolResult(call.id(), "sunny, 21 C", false))));
        ChatResponse answered = model.chat(
                new ChatRequest(first.system(), history, first.tools(), ChatOptions.DEFAULTS), listener(stream));
        if (followsScript()) {
            assertThat(answered.text()).isEqualTo("It is sunny in Paris.");
            assertThat(answered.stopReason()).isEqualTo(StopReason.END_TURN);
        } else {
            assertAnAnswerOrAnotherCall(answered, List.of(WEATHER));
        }
        fixture.lastRequest().ifPresent(seen -> {
            var results = seen.messages().stream()
                    .flatMap(m -> m.toolResults().stream())
                    .toList();
            assertThat(results).singleElement().satisfies(result -> {
                assertThat(result.toolCallId()).isEqualTo(call.id());
                assertThat(result.content()).isEqualTo("sunny, 21 C");
            });
            var calls = seen.messages().stream()
                    .flatMap(m -> m.toolCalls().stream())
                    .toList();
            assertThat(calls).singleElement().satisfies(c -> {
                assertThat(c.id()).isEqualTo(call.id());
                assertThat(Json.parse(c.argumentsJson())).isEqualTo(call.arguments());
            });
        });
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void parallelToolCallsKeepTheirOrderAndAreAnsweredTogether(boolean stream) {
        if (!supportsTools()) {
            assertToolsAreRefused();
            return;
        }
        fixture.answer(FakeReply.toolCall("get_weather", "{\"city\":\"Oslo\"}")
                .withToolCall("get_time", "{\"city\":\"Oslo\"}"));
        fixture.answer(FakeReply.text("Cold, and it is noon."));
        ChatModel model = fixture.model();
        List<Message> history = new ArrayList<>(List.of(Message.user("Weather and time in Oslo?")));
        ChatResponse asked = model.chat(
                new ChatRequest(null, history, List.of(WEATHER, TIME), ChatOptions.DEFAULTS), listener(stream));
        if (followsScript()) {
            assertThat(asked.message().toolCalls())
                    .extracting(Part.ToolCall::name)
                    .containsExactly("get_weather", "get_time");
        } else {
            // A real model decides how many calls to make at once; whatever it made is answered together.
            assertThat(asked.stopReason()).isEqualTo(StopReason.TOOL_USE);
            assertThat(asked.message().toolCalls())
                    .isNotEmpty()
                    .allSatisfy(call -> assertThat(call.name()).isIn("get_weather", "get_time"));
        }
        history.add(asked.message());
        List<Part> results = new ArrayList<>();
        for (Part.ToolCall call : asked.message().toolCalls()) {
            results.add(new Part.ToolResult(call.id(), call.name().equals("get_weather") ? "-3 C" : "12:00", false));
        }
        history.add(new Message(Role.USER, results));
        ChatResponse answered = model.chat(
                new ChatRequest(null, history, List.of(WEATHER, TIME), ChatOptions.DEFAULTS), listener(stream));
        if (followsScript()) assertThat(answered.text()).isEqualTo("Cold, and it is noon.");
        else assertAnAnswerOrAnotherCall(answered, List.of(WEATHER, TIME));
        fixture.lastRequest()
                .ifPresent(seen -> assertThat(seen.messages().stream()
                                .flatMap(m -> m.toolResults().stream())
                                .map(r -> r.content())
                                .toList())
                        .containsExactly("-3 C", "12:00"));
    }

    @Test
    void aToolErrorReachesTheModelAsAResult() {
        if (!supportsTools()) {
            assertToolsAreRefused();
            return;
        }
        fixture.answer(FakeReply.toolCall("get_weather", "{\"city\":\"Atlantis\"}"));
        fixture.answer(FakeReply.text("That city does not exist."));
        ChatModel model = fixture.model();
        List<Message> history = new ArrayList<>(List.of(Message.user("Weather in Atlantis?")));
        ChatResponse asked = model.chat(new ChatRequest(null, history, List.of(WEATHER), ChatOptions.DEFAULTS));
        history.add(asked.message());
        history.add(new Message(
                Role.USER,
                List.of(new Part.ToolResult(
                        asked.message().toolCalls().getFirst().id(), "unknown city: Atlantis", true))));
        ChatResponse answered = model.chat(new ChatRequest(null, history, List.of(WEATHER), ChatOptions.DEFAULTS));
        if (followsScript()) assertThat(answered.text()).isEqualTo("That city does not exist.");
        else assertAnAnswerOrAnotherCall(answered, List.of(WEATHER));
        fixture.lastRequest()
                .ifPresent(seen -> assertThat(seen.messages().stream()
                                .flatMap(m -> m.toolResults().stream())
                                .toList())
                        .singleElement()
                        .satisfies(result -> assertThat(result.content()).contains("unknown city: Atlantis")));
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void cacheTokensAreReportedApartFromInput(boolean stream) {
        fixture.answer(FakeReply.text("cached").withUsage(100, 20, 300, 50));
        ChatRequest request = ChatRequest.of("A long system prompt.", "hi")
                .withOptions(ChatOptions.builder().promptCaching(true).build());
        ChatResponse response = fixture.model().chat(request, listener(stream));
        if (!reportsUsage()) {
            assertThat(response.usage())
                    .as("no count rather than a made-up one")
                    .isEqualTo(Usage.ZERO);
        } else if (followsScript()) {
            assertThat(response.usage().inputTokens()).isEqualTo(100);
            assertThat(response.usage().outputTokens()).isEqualTo(20);
            assertThat(response.usage().cacheReadTokens()).isEqualTo(reportsCacheReads() ? 300 : 0);
            assertThat(response.usage().cacheWriteTokens()).isEqualTo(reportsCacheWrites() ? 50 : 0);
        } else {
            // A real model's cache holds the prompt it was just given: the same request again reads from it.
            ChatResponse again = fixture.model().chat(request, listener(stream));
            if (reportsCacheReads()) assertThat(again.usage().cacheReadTokens()).isPositive();
            else assertThat(again.usage().cacheReadTokens()).isZero();
            if (!reportsCacheWrites()) {
                assertThat(response.usage().cacheWriteTokens()).isZero();
                assertThat(again.usage().cacheWriteTokens()).isZero();
            }
        }
    }

    @Test
    void theCostIsStatedOrLeftToThePricingTable() {
        fixture.answer(FakeReply.text("ok"));
        Cost cost = fixture.model().chat(ChatRequest.of(null, "hi")).cost();
        if (reportsCost()) {
            assertThat(cost.known())
                    .as("a provider that states its cost states a figure: %s", cost)
                    .isTrue();
            assertThat(cost.source()).isIn(Cost.Source.PROVIDER_REPORTED, Cost.Source.FREE);
        } else {
            assertThat(cost)
                    .as("unknown, for the pricing table to fill in; never zero by mistake")
                    .isEqualTo(Cost.UNKNOWN);
        }
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void reasoningIsKeptAndSentBackWithItsSignature(boolean stream) {
        fixture.answer(FakeReply.text("42.").withThinking("Six times seven.", "sig-abc123"));
        fixture.answer(FakeReply.text("Yes."));
        ChatModel model = fixture.model();
        ChatResponse first = model.chat(ChatRequest.of(null, "Six times seven?"), listener(stream));
        if (!supportsReasoning()) {
            // Without reasoning the answer is the answer alone: no reasoning part, the text intact.
            assertThat(first.message().parts()).noneMatch(Part.Reasoning.class::isInstance);
            if (followsScript()) assertThat(first.text()).isEqualTo("42.");
            else assertThat(first.text()).isNotBlank();
            return;
        }
        Part.Reasoning reasoning = (Part.Reasoning) first.message().parts().stream()
                .filter(Part.Reasoning.class::isInstance)
                .findFirst()
                .orElseThrow();
        if (followsScript()) {
            assertThat(reasoning.text()).isEqualTo("Six times seven.");
            assertThat(first.text()).isEqualTo("42.");
        } else {
            assertThat(reasoning.text()).isNotBlank();
        }
        if (!sendsReasoningBack()) return;
        if (followsScript()) assertThat(reasoning.signature()).isEqualTo("sig-abc123");
        else assertThat(reasoning.signature()).isNotBlank();
        List<Message> history = List.of(Message.user("Six times seven?"), first.message(), Message.user("Sure?"));
        model.chat(new ChatRequest(null, history, List.of(), ChatOptions.DEFAULTS), listener(stream));
        fixture.lastRequest()
                .ifPresent(seen -> assertThat(seen.body()
                                .path("messages")
                                .get(1)
                                .path("content")
                                .get(0)
                                .path("signature")
                                .asString())
                        .isEqualTo(reasoning.signature()));
    }

    /** What a real model may do after a tool result: answer, or call an offered tool again. */
    private static void assertAnAnswerOrAnotherCall(ChatResponse response, List<ToolSpec> offered) {
        assertThat(response.stopReason()).isIn(StopReason.END_TURN, StopReason.TOOL_USE);
        if (response.stopReason() == StopReason.END_TURN)
            assertThat(response.text()).isNotBlank();
        List<String> names = offered.stream().map(ToolSpec::name).toList();
        for (Part.ToolCall call : response.message().toolCalls())
            assertThat(call.name()).isIn(names);
    }

    private void assertToolsAreRefused() {
        assertRefusedAsABadRequest(
                new ChatRequest(null, List.of(Message.user("Weather?")), List.of(WEATHER), ChatOptions.DEFAULTS));
    }

    private void assertRefusedAsABadRequest(ChatRequest request) {
        assertThatThrownBy(() -> fixture.model().chat(request)).isInstanceOfSatisfying(ModelException.class, e -> {
            assertThat(e.kind()).isEqualTo(ModelException.Kind.BAD_REQUEST);
            assertThat(e.retryable()).isFalse();
        });
    }
}
