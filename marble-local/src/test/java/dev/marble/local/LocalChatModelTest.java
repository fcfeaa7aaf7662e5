package dev.marble.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import dev.marble.provider.ChatModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The local provider on the micro test model. Its words are nonsense, so every assertion is about
 * structure: a tool call that names an offered tool with arguments that validate, a stop at the end of
 * the turn, JSON that follows the schema, usage that adds up, streams that add up to the answer.
 */
class LocalChatModelTest {

    private final ChatModel model = MicroModel.model();

    private static ChatRequest ask(String text, List<ToolSpec> tools, ChatOptions options) {
        return new ChatRequest("You are a helpful assistant.", List.of(Message.user(text)), tools, options);
    }

    private static ChatOptions greedy(int maxTokens) {
        return ChatOptions.builder().temperature(0.0).maxTokens(maxTokens).build();
    }

    @Test
    void withToolsOnOfferTheAnswerIsAToolCallThatNamesAnOfferedToolWithValidArguments() {
        List<ToolSpec> tools = List.of(MicroModel.WEATHER, MicroModel.ADD);
        for (String question : List.of(
                "What is the weather in Paris?", "What is the weather in Tokyo?", "What is the weather in Berlin?")) {
            ChatResponse response = model.chat(ask(question, tools, greedy(120)));

            assertThat(response.stopReason())
                    .as("%s -> %s", question, response.message())
                    .isEqualTo(StopReason.TOOL_USE);
            assertThat(response.message().toolCalls()).isNotEmpty();
            for (Part.ToolCall call : response.message().toolCalls()) assertValidCall(tools, call);
        }
    }

    @Test
    void withToolsOnOfferTheModelMayStillAnswerInTextButNeverWithABrokenCall() {
        List<ToolSpec> tools = List.of(MicroModel.WEATHER, MicroModel.ADD);
        for (String question : List.of("What is 2 plus 3?", "Hello, who are you?", "Add 7 and 8")) {
            ChatResponse response = model.chat(
                    ask(question, tools, ChatOptions.builder().maxTokens(120).build()));

            assertThat(response.stopReason()).isIn(StopReason.TOOL_USE, StopReason.END_TURN);
            assertThat(response.text()).doesNotContain("<tool_call>", "</tool_call>");
            for (Part.ToolCall call : response.message().toolCalls()) assertValidCall(tools, call);
            if (response.stopReason() == StopReason.END_TURN)
                assertThat(response.text()).isNotBlank();
        }
    }

    private static void assertValidCall(List<ToolSpec> tools, Part.ToolCall call) {
        ToolSpec offered = tools.stream()
                .filter(t -> t.name().equals(call.name()))
                .findFirst()
                .orElseThrow();
        assertThat(MicroModel.problems(offered.inputSchema(), call.arguments())).isEmpty();
        assertThat(call.id()).startsWith("call_");
    }

    @Test
    void withoutToolsTheAnswerIsTextThatEndsAtTheEndOfTurn() {
        ChatResponse response = model.chat(ask("Hello there", List.of(), greedy(200)));

        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(response.message().toolCalls()).isEmpty();
        assertThat(response.text()).isNotBlank().doesNotContain("<|im_end|>");
        assertThat(response.usage().inputTokens() + response.usage().cacheReadTokens())
                .isGreaterThan(5);
        assertThat(response.usage().outputTokens()).isBetween(1L, 200L);
        assertThat(response.cost().usd()).isEqualByComparingTo("0");
    }

    @Test
    void aToolRoundTripEndsInAnAnswerOrAnotherValidCall() {
        List<ToolSpec> tools = List.of(MicroModel.WEATHER);
        ChatResponse first = model.chat(ask("What is the weather in Paris?", tools, greedy(120)));
        Part.ToolCall call = first.message().toolCalls().getFirst();
        List<Message> conversation = List.of(
                Message.user("What is the weather in Paris?"),
                first.message(),
                new Message(
                        Role.USER,
                        List.of(new Part.ToolResult(call.id(), "{\"temperature\": 21, \"sky\": \"clear\"}", false))));

        ChatResponse second =
                model.chat(new ChatRequest("You are a helpful assistant.", conversation, tools, greedy(120)));

        assertThat(second.stopReason()).isIn(StopReason.END_TURN, StopReason.TOOL_USE);
        if (second.stopReason() == StopReason.END_TURN)
            assertThat(second.text()).isNotBlank();
        for (Part.ToolCall again : second.message().toolCalls()) {
            assertThat(again.name()).isEqualTo("get_weather");
            assertThat(MicroModel.problems(MicroModel.WEATHER.inputSchema(), again.arguments()))
                    .isEmpty();
        }
        // The second turn starts with the first turn's prompt, which the slot still holds.
        assertThat(second.usage().cacheReadTokens()).isGreaterThan(10);
    }

    @Test
    void structuredOutputFollowsTheJsonSchema() {
        JsonNode schema = Json.parse("""
                {"type": "object", "properties": {"name": {"type": "string", "maxLength": 20},
                 "age": {"type": "integer"}, "tags": {"type": "array", "items": {"type": "string", "enum": ["a", "b"]}, "maxItems": 3},
                 "ok": {"type": "boolean"}}, "required": ["name", "age", "ok"]}""");
        ChatOptions options = ChatOptions.builder()
                .temperature(0.0)
                .maxTokens(200)
                .extra("json_schema", schema)
                .build();

        ChatResponse response = model.chat(ask("Describe a person", List.of(), options));

        assertThat(response.stopReason()).isEqualTo(StopReason.END_TURN);
        JsonNode answer = Json.parse(response.text());
        assertThat(MicroModel.problems(schema, answer)).isEmpty();
    }

    @Test
    void streamedTextAddsUpToTheAnswer() {
        StringBuilder streamed = new StringBuilder();
        List<Part.ToolCall> calls = new ArrayList<>();
        StreamListener listener = new StreamListener() {
            @Override
            public void onText(String delta) {
                streamed.append(delta);
            }

            @Override
            public void onToolCall(Part.ToolCall call) {
                calls.add(call);
            }
        };

        ChatResponse text = model.chat(ask("Tell me something", List.of(), greedy(60)), listener);
        assertThat(streamed.toString()).isEqualTo(text.text());

        streamed.setLength(0);
        ChatResponse tool =
                model.chat(ask("What is the weather in Rome?", List.of(MicroModel.WEATHER), greedy(120)), listener);
        assertThat(tool.message().toolCalls()).isNotEmpty();
        assertThat(streamed.toString()).doesNotContain("<tool_call").isEqualTo(tool.text());
        assertThat(calls).containsExactlyElementsOf(tool.message().toolCalls());
    }

    @Test
    void theTokenLimitEndsTheAnswer() {
        ChatResponse response = model.chat(ask("Write a long story", List.of(), greedy(3)));

        assertThat(response.usage().outputTokens()).isLessThanOrEqualTo(3);
        assertThat(response.stopReason()).isIn(StopReason.MAX_TOKENS, StopReason.END_TURN);
    }

    @Test
    void aStopSequenceEndsTheAnswerAndIsNotPartOfIt() {
        ChatResponse free = model.chat(ask("Hello there", List.of(), greedy(60)));
        String text = free.text();
        assertThat(text)
                .as("the greedy answer (the same every time) is long enough to cut")
                .hasSizeGreaterThan(4);
        String stop = text.substring(2, 4);
        ChatOptions options = ChatOptions.builder()
                .temperature(0.0)
                .maxTokens(60)
                .stopSequences(List.of(stop))
                .build();

        ChatResponse cut = model.chat(ask("Hello there", List.of(), options));

        assertThat(cut.stopReason()).isEqualTo(StopReason.STOP_SEQUENCE);
        assertThat(cut.text()).isEqualTo(text.substring(0, text.indexOf(stop)));
    }

    @Test
    void anInterruptCancelsGenerationAndTheModelStaysUsable() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                model.chat(
                        ask(
                                "Write a long story",
                                List.of(),
                                ChatOptions.builder().maxTokens(100_000).build()),
                        new StreamListener() {
                            @Override
                            public void onText(String delta) {
                                Thread.currentThread().interrupt();
                            }
                        });
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        caller.join(30_000);

        assertThat(failure.get()).isInstanceOf(ModelException.class);
        assertThat(((ModelException) failure.get()).kind()).isEqualTo(ModelException.Kind.INTERRUPTED);
        assertThat(model.chat(ask("Hello", List.of(), greedy(20))).text()).isNotEmpty();
    }

    @Test
    void aTimeLimitEndsACallAsATimeout() {
        ChatOptions options = ChatOptions.builder()
                .maxTokens(100_000)
                .timeout(Duration.ofNanos(1))
                .build();

        assertThatThrownBy(() -> model.chat(ask("Write a long story", List.of(), options)))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.TIMEOUT));
    }

    @Test
    void malformedRequestsFailInJavaWithOneLineNamingTheField() {
        record Case(ChatOptions options, List<ToolSpec> tools, String message) {}
        List<Case> cases = List.of(
                new Case(ChatOptions.builder().temperature(Double.NaN).build(), List.of(), "temperature"),
                new Case(ChatOptions.builder().topP(0.0).build(), List.of(), "top_p"),
                new Case(ChatOptions.builder().maxTokens(0).build(), List.of(), "max_tokens"),
                new Case(ChatOptions.builder().stopSequences(List.of("")).build(), List.of(), "stop sequence"),
                new Case(
                        ChatOptions.builder().extra("mirostat", Json.parse("2")).build(),
                        List.of(),
                        "unknown option 'mirostat'"),
                new Case(ChatOptions.builder().extra("seed", Json.parse("1.5")).build(), List.of(), "seed"),
                new Case(
                        ChatOptions.builder()
                                .extra("json_schema", Json.parse("[1]"))
                                .build(),
                        List.of(),
                        "json_schema"),
                new Case(ChatOptions.DEFAULTS, List.of(MicroModel.ADD, MicroModel.ADD), "two tools are named 'add'"),
                new Case(ChatOptions.DEFAULTS, List.of(new ToolSpec("x", "", Json.parse("true"))), "tool 'x'"));
        for (Case c : cases) {
            assertThatThrownBy(() -> model.chat(ask("Hello", c.tools(), c.options())))
                    .isInstanceOfSatisfying(
                            ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.BAD_REQUEST))
                    .hasMessageContaining(c.message())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        ChatRequest startsWithAnswer =
                new ChatRequest(null, List.of(Message.assistant("hi"), Message.user("yo")), List.of(), null);
        assertThatThrownBy(() -> model.chat(startsWithAnswer)).hasMessageContaining("starts with a user message");
        ChatRequest image = new ChatRequest(
                null,
                List.of(new Message(Role.USER, List.of(new Part.Attachment("image/png", "cat.png", new byte[] {1})))),
                List.of(),
                null);
        assertThatThrownBy(() -> model.chat(image)).hasMessageContaining("cat.png");
    }

    @Test
    void aPromptLongerThanTheContextIsRefusedBeforeItReachesLlamaCpp() {
        String huge = "word ".repeat(2_000);

        assertThatThrownBy(() -> model.chat(ask(huge, List.of(), greedy(10))))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.BAD_REQUEST))
                .hasMessageContaining("the context holds 512");
    }

    @Test
    void theModelIsLoadedOnceAndTheLoadIsReported() {
        model.chat(ask("Hello", List.of(), greedy(5)));
        MicroModel.model().chat(ask("Hello", List.of(), greedy(5)));

        assertThat(MicroModel.NOTES.stream().filter(n -> n.startsWith("local: loading")))
                .hasSize(1);
        assertThat(MicroModel.NOTES.stream().filter(n -> n.startsWith("local: loaded")))
                .singleElement()
                .asString()
                .contains("context 512 tokens", "1 thread");
    }

    @Test
    void aMissingFileIsAnUnavailableModelNamingIt() {
        ChatModel missing = MicroModel.model("/nonexistent/model.gguf");

        assertThatThrownBy(() -> missing.chat(ask("Hello", List.of(), null)))
                .isInstanceOfSatisfying(
                        ModelException.class, e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.UNAVAILABLE))
                .hasMessageContaining("/nonexistent/model.gguf does not exist");
    }
}
