package dev.marble.provider.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.error.ModelException;
import dev.marble.json.Json;
import dev.marble.model.ChatOptions;
import dev.marble.model.ChatRequest;
import dev.marble.model.Message;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.model.StopReason;
import dev.marble.model.StreamListener;
import dev.marble.model.ToolSpec;
import dev.marble.model.Usage;
import dev.marble.provider.conformance.ConformanceRig.Api;
import dev.marble.provider.conformance.ConformanceRig.Exchange;
import dev.marble.provider.conformance.ConformanceRig.Gap;
import dev.marble.testkit.FakeReply;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Marble's Anthropic Messages requests and the fake's answers, against the only published document (November
 * 2024), in both directions: see {@link ConformanceRig}. Needs Prism (build/install-peers.sh).
 */
class AnthropicConformanceTest {

    private static ConformanceRig rig;

    @BeforeAll
    static void startPrism() {
        rig = ConformanceRig.start(Api.ANTHROPIC);
    }

    @AfterAll
    static void stopPrism() {
        if (rig != null) rig.close();
    }

    @BeforeEach
    void clean() {
        rig.reset();
    }

    static final ToolSpec WEATHER = new ToolSpec(
            "get_weather",
            "Current weather in a city",
            Json.parse(
                    "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"));
    static final ToolSpec TIME = new ToolSpec(
            "get_time",
            "Local time in a city",
            Json.parse(
                    "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"));

    @Test
    void plainAnswer() {
        Exchange x = rig.exchange(
                request(null, List.of(Message.user("What is 2 + 2?")), List.of(), ChatOptions.DEFAULTS),
                FakeReply.text("2 + 2 is 4.").withUsage(12, 6, 0, 0));

        assertThat(x.whole().text()).isEqualTo("2 + 2 is 4.");
        assertThat(x.whole().stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(x.whole().usage()).isEqualTo(new Usage(12, 6, 0, 0));
        assertThat(x.request().system()).isNull();
        assertThat(x.request().body().path("max_tokens").asInt()).isPositive();
    }

    @Test
    void systemPrompt() {
        Exchange x = rig.exchange(
                request(
                        "You answer in one short sentence.",
                        List.of(Message.user("Hi")),
                        List.of(),
                        ChatOptions.DEFAULTS),
                FakeReply.text("Hello."));

        assertThat(x.request().body().path("system").asString()).isEqualTo("You answer in one short sentence.");
        assertThat(x.whole().text()).isEqualTo("Hello.");
    }

    @Test
    void toolRoundTrip() {
        Message question = Message.user("Weather in Paris?");
        Exchange first = rig.exchange(
                request(null, List.of(question), List.of(WEATHER), ChatOptions.DEFAULTS),
                FakeReply.text("Let me look.").withToolCall("toolu_01Weather", "get_weather", "{\"city\":\"Paris\"}"));

        assertThat(first.whole().stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(first.whole().text()).isEqualTo("Let me look.");
        assertThat(first.whole().message().toolCalls())
                .containsExactly(
                        new Part.ToolCall("toolu_01Weather", "get_weather", Json.parse("{\"city\":\"Paris\"}")));

        Message results =
                new Message(Role.USER, List.of(new Part.ToolResult("toolu_01Weather", "18 °C, sunny", false)));
        Exchange second = rig.exchange(
                request(
                        null,
                        List.of(question, first.whole().message(), results),
                        List.of(WEATHER),
                        ChatOptions.DEFAULTS),
                FakeReply.text("It is 18 °C and sunny in Paris."));

        assertThat(second.whole().text()).isEqualTo("It is 18 °C and sunny in Paris.");
        assertThat(second.request().messages().get(1).toolCalls())
                .extracting(c -> c.id())
                .containsExactly("toolu_01Weather");
        assertThat(second.request().messages().get(2).toolResults())
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.toolCallId()).isEqualTo("toolu_01Weather");
                    assertThat(r.content()).isEqualTo("18 °C, sunny");
                    assertThat(r.isError()).isFalse();
                });
    }

    @Test
    void twoParallelToolCallsAndAnErrorResult() {
        Message question = Message.user("Weather and time in Oslo?");
        Exchange first = rig.exchange(
                request(null, List.of(question), List.of(WEATHER, TIME), ChatOptions.DEFAULTS),
                // Fixed ids: the fake makes fresh ones per response, and the streamed answer must equal the whole.
                FakeReply.text(null)
                        .withToolCall("toolu_01OsloWeather", "get_weather", "{\"city\":\"Oslo\"}")
                        .withToolCall("toolu_01OsloTime", "get_time", "{\"city\":\"Oslo\"}")
                        .withUsage(40, 30, 0, 0));

        List<Part.ToolCall> calls = first.whole().message().toolCalls();
        assertThat(calls).extracting(Part.ToolCall::name).containsExactly("get_weather", "get_time");

        Message results = new Message(
                Role.USER,
                List.of(
                        new Part.ToolResult("toolu_01OsloWeather", "-3 °C, snow", false),
                        new Part.ToolResult("toolu_01OsloTime", "time service unreachable", true)));
        Exchange second = rig.exchange(
                request(
                        null,
                        List.of(question, first.whole().message(), results),
                        List.of(WEATHER, TIME),
                        ChatOptions.DEFAULTS),
                FakeReply.text("It is -3 °C with snow; I could not get the time."));

        JsonNode content = second.request().body().path("messages").path(2).path("content");
        assertThat(content).hasSize(2);
        assertThat(content.path(0).path("tool_use_id").asString()).isEqualTo("toolu_01OsloWeather");
        assertThat(content.path(0).has("is_error")).isFalse();
        assertThat(content.path(1).path("tool_use_id").asString()).isEqualTo("toolu_01OsloTime");
        assertThat(content.path(1).path("is_error").asBoolean()).isTrue();
        assertThat(second.whole().text()).startsWith("It is -3 °C");
    }

    @Test
    void samplingAndLengthOptions() {
        ChatOptions options = ChatOptions.builder()
                .temperature(0.2)
                .topP(0.9)
                .maxTokens(256)
                .stopSequences(List.of("END"))
                .build();
        Exchange x = rig.exchange(
                request(null, List.of(Message.user("Count to three.")), List.of(), options),
                FakeReply.text("One, two").withStopReason("max_tokens").withUsage(9, 256, 0, 0));

        JsonNode body = x.request().body();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
        assertThat(body.path("stop_sequences").path(0).asString()).isEqualTo("END");
        assertThat(x.whole().stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    }

    /**
     * The real API sometimes answers with an empty text block beside a tool call, yet refuses empty text blocks
     * in a request (the spec: RequestTextBlock.text has minLength 1). Sending the conversation back must work.
     */
    @Test
    void anEmptyTextBlockIsNotSentBack() {
        Message question = Message.user("Weather in Lima?");
        Exchange first = rig.exchange(
                request(null, List.of(question), List.of(WEATHER), ChatOptions.DEFAULTS),
                FakeReply.text("").withToolCall("toolu_01Lima", "get_weather", "{\"city\":\"Lima\"}"));
        assertThat(first.whole().message().toolCalls()).hasSize(1);

        Message results = new Message(Role.USER, List.of(new Part.ToolResult("toolu_01Lima", "19 °C", false)));
        Exchange second = rig.exchange(
                request(
                        null,
                        List.of(question, first.whole().message(), results),
                        List.of(WEATHER),
                        ChatOptions.DEFAULTS),
                FakeReply.text("19 °C in Lima."));
        assertThat(second.request().body().path("messages").path(1).path("content"))
                .extracting(block -> block.path("type").asString())
                .containsExactly("tool_use");
    }

    /**
     * The document predates prompt caching's general availability (December 2024): it describes cache_control
     * only for the beta endpoint {@code /v1/messages?beta=prompt_caching}, and Prism, which goes by the path Marble
     * uses, would judge the request by the schemas of plain {@code /v1/messages}. {@link Gap#PROMPT_CACHING} checks
     * it against the document's prompt-caching schemas instead.
     */
    @Test
    void promptCaching() {
        Message question = Message.user("Weather in Rome?");
        Exchange first = rig.exchange(
                request(
                        "A long, stable system prompt.",
                        List.of(question),
                        List.of(WEATHER, TIME),
                        ChatOptions.builder().promptCaching(true).build()),
                FakeReply.text(null)
                        .withToolCall("toolu_01Rome", "get_weather", "{\"city\":\"Rome\"}")
                        .withUsage(15, 20, 0, 1200),
                Gap.PROMPT_CACHING);
        assertThat(first.whole().usage()).isEqualTo(new Usage(15, 20, 0, 1200));

        JsonNode body = first.request().body();
        assertThat(body.path("system")
                        .path(0)
                        .path("cache_control")
                        .path("type")
                        .asString())
                .isEqualTo("ephemeral");
        assertThat(body.path("tools").path(1).path("cache_control").path("type").asString())
                .isEqualTo("ephemeral");
        assertThat(body.path("messages")
                        .path(0)
                        .path("content")
                        .path(0)
                        .path("cache_control")
                        .isObject())
                .isTrue();

        // The next turn reads the cache, and its breakpoint sits on the tool result.
        Message results = new Message(Role.USER, List.of(new Part.ToolResult("toolu_01Rome", "22 °C", false)));
        Exchange second = rig.exchange(
                request(
                        "A long, stable system prompt.",
                        List.of(question, first.whole().message(), results),
                        List.of(WEATHER, TIME),
                        ChatOptions.builder().promptCaching(true).build()),
                FakeReply.text("22 °C in Rome.").withUsage(8, 6, 1200, 30),
                Gap.PROMPT_CACHING);
        assertThat(second.whole().usage()).isEqualTo(new Usage(8, 6, 1200, 30));
        assertThat(second.request()
                        .body()
                        .path("messages")
                        .path(2)
                        .path("content")
                        .path(0)
                        .path("cache_control")
                        .isObject())
                .isTrue();
    }

    /**
     * Extended thinking came in February 2025, after the only published document: its CreateMessageParams allows
     * no {@code thinking} field (additionalProperties: false) and its content blocks and stream deltas have no
     * thinking kinds. So Prism would refuse this request whole; {@link Gap#THINKING} checks everything else
     * against the spec, the thinking parts for their documented shape, and that the spec really lacks them.
     */
    @Test
    void thinking() {
        ChatOptions options = ChatOptions.builder().thinkingBudgetTokens(1024).build();
        Exchange x = rig.exchange(
                request(null, List.of(Message.user("Is 91 prime?")), List.of(), options),
                FakeReply.text("No: 91 = 7 × 13.")
                        .withThinking("Try small primes: 7 × 13 = 91.", "sig-EqQBCgIYAhIM")
                        .withUsage(30, 80, 0, 0),
                Gap.THINKING);

        JsonNode body = x.request().body();
        assertThat(body.path("thinking").path("type").asString()).isEqualTo("enabled");
        assertThat(body.path("thinking").path("budget_tokens").asInt()).isEqualTo(1024);
        assertThat(body.path("thinking").properties()).hasSize(2);
        // The API's rules: a budget of at least 1024 tokens, below max_tokens; no temperature with thinking.
        assertThat(body.path("max_tokens").asInt()).isGreaterThan(1024);
        assertThat(body.has("temperature")).isFalse();

        assertThat(x.whole().message().parts())
                .containsExactly(
                        new Part.Reasoning("Try small primes: 7 × 13 = 91.", "sig-EqQBCgIYAhIM", null),
                        new Part.Text("No: 91 = 7 × 13."));
    }

    @Test
    void thinkingWithPromptCaching() {
        ChatOptions options = ChatOptions.builder()
                .thinkingBudgetTokens(2048)
                .maxTokens(4096)
                .promptCaching(true)
                .build();
        Exchange x = rig.exchange(
                request("Think first.", List.of(Message.user("Is 97 prime?")), List.of(WEATHER), options),
                FakeReply.text("Yes.")
                        .withThinking("No factor up to 9 divides 97.", "sig-Xy12")
                        .withUsage(3, 50, 900, 0),
                Gap.THINKING.withPromptCaching());

        JsonNode body = x.request().body();
        assertThat(body.path("thinking").path("budget_tokens").asInt()).isEqualTo(2048);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(4096);
        assertThat(body.path("system").path(0).path("cache_control").isObject()).isTrue();
        assertThat(x.whole().usage()).isEqualTo(new Usage(3, 50, 900, 0));
    }

    /** The checks above can fail: each direction, and the stream schema, refuses what breaks the spec. */
    @Test
    void theChecksCanFail() {
        int before = rig.fake.requestCount();
        String broken = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,"
                + "\"messages\":[{\"role\":\"system\",\"content\":\"Hi\"}]}";
        HttpResponse<String> refused = rig.postViaPrism("/v1/messages", broken);
        assertThat(refused.statusCode()).as(refused.body()).isIn(400, 422);
        assertThat(rig.fake.requestCount())
                .as("a refused request goes no further")
                .isEqualTo(before);
        assertThat(rig.schemas.violations("CreateMessageParams", Json.parse(broken)))
                .isNotEmpty();
        // The prompt-caching schemas that Gap.PROMPT_CACHING uses are as strict.
        assertThat(
                        rig.schemas.violations(
                                "PromptCachingBetaCreateMessageParams",
                                Json.parse(
                                        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":"
                                                + "[{\"type\":\"text\",\"text\":\"Hi\",\"cache_control\":{\"type\":\"forever\"}}]}]}")))
                .isNotEmpty();

        rig.fake.enqueue(FakeReply.text("Hi.").withStopReason("finished"));
        assertThatThrownBy(() -> rig.viaPrism.chat(ChatRequest.of(null, "Hi"), StreamListener.NONE))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("VIOLATIONS");

        assertThat(rig.schemas.violations(
                        "MessageStreamEvent",
                        Json.parse(
                                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\"}}")))
                .isNotEmpty();
    }

    private static ChatRequest request(
            String system, List<Message> messages, List<ToolSpec> tools, ChatOptions options) {
        return new ChatRequest(system, messages, tools, options);
    }
}
