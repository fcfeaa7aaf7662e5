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
import dev.marble.testkit.FakeReply;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Marble's OpenAI Chat Completions requests and the fake's answers, against the official OpenAPI document
 * (2.3.0), in both directions: see {@link ConformanceRig}. Needs Prism (build/install-peers.sh).
 */
class OpenAiConformanceTest {

    private static ConformanceRig rig;

    @BeforeAll
    static void startPrism() {
        rig = ConformanceRig.start(Api.OPENAI);
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
        assertThat(x.request().lastUserText()).isEqualTo("What is 2 + 2?");
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

        assertThat(x.request().system()).isEqualTo("You answer in one short sentence.");
        assertThat(x.request().body().path("messages").path(0).path("role").asString())
                .isEqualTo("system");
        assertThat(x.whole().text()).isEqualTo("Hello.");
    }

    @Test
    void toolRoundTrip() {
        Message question = Message.user("Weather in Paris?");
        Exchange first = rig.exchange(
                request(null, List.of(question), List.of(WEATHER), ChatOptions.DEFAULTS),
                FakeReply.text("Let me look.").withToolCall("call_weather_1", "get_weather", "{\"city\":\"Paris\"}"));

        assertThat(first.whole().stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(first.whole().message().toolCalls())
                .containsExactly(
                        new Part.ToolCall("call_weather_1", "get_weather", Json.parse("{\"city\":\"Paris\"}")));
        assertThat(first.request().toolNames()).containsExactly("get_weather");

        Message results = new Message(Role.USER, List.of(new Part.ToolResult("call_weather_1", "18 °C, sunny", false)));
        Exchange second = rig.exchange(
                request(
                        null,
                        List.of(question, first.whole().message(), results),
                        List.of(WEATHER),
                        ChatOptions.DEFAULTS),
                FakeReply.text("It is 18 °C and sunny in Paris."));

        assertThat(second.whole().text()).isEqualTo("It is 18 °C and sunny in Paris.");
        JsonNode messages = second.request().body().path("messages");
        assertThat(messages.path(1).path("tool_calls").path(0).path("id").asString())
                .isEqualTo("call_weather_1");
        assertThat(messages.path(2).path("role").asString()).isEqualTo("tool");
        assertThat(messages.path(2).path("tool_call_id").asString()).isEqualTo("call_weather_1");
        assertThat(messages.path(2).path("content").asString()).isEqualTo("18 °C, sunny");
    }

    @Test
    void twoParallelToolCallsAndAnErrorResult() {
        Message question = Message.user("Weather and time in Oslo?");
        Exchange first = rig.exchange(
                request(null, List.of(question), List.of(WEATHER, TIME), ChatOptions.DEFAULTS),
                // Fixed ids: the fake makes fresh ones per response, and the streamed answer must equal the whole.
                FakeReply.text(null)
                        .withToolCall("call_oslo_weather", "get_weather", "{\"city\":\"Oslo\"}")
                        .withToolCall("call_oslo_time", "get_time", "{\"city\":\"Oslo\"}")
                        .withUsage(40, 30, 0, 0));

        List<Part.ToolCall> calls = first.whole().message().toolCalls();
        assertThat(calls).extracting(Part.ToolCall::name).containsExactly("get_weather", "get_time");
        assertThat(calls.get(0).id()).isNotEqualTo(calls.get(1).id());
        assertThat(first.whole().text()).isEmpty();

        // Marble keeps both results in one user message; Chat Completions wants one tool message each.
        Message results = new Message(
                Role.USER,
                List.of(
                        new Part.ToolResult(calls.get(0).id(), "-3 °C, snow", false),
                        new Part.ToolResult(calls.get(1).id(), "time service unreachable", true)));
        Exchange second = rig.exchange(
                request(
                        null,
                        List.of(question, first.whole().message(), results),
                        List.of(WEATHER, TIME),
                        ChatOptions.DEFAULTS),
                FakeReply.text("It is -3 °C with snow; I could not get the time."));

        JsonNode messages = second.request().body().path("messages");
        assertThat(messages.path(1).path("content").isNull())
                .as("an assistant message of tool calls only")
                .isTrue();
        assertThat(messages.path(1).path("tool_calls")).hasSize(2);
        assertThat(messages.path(2).path("tool_call_id").asString())
                .isEqualTo(calls.get(0).id());
        assertThat(messages.path(3).path("tool_call_id").asString())
                .isEqualTo(calls.get(1).id());
        // The wire has no error flag for tool messages: Marble says so in the content.
        assertThat(messages.path(3).path("content").asString()).isEqualTo("Error: time service unreachable");
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
                FakeReply.text("One, two").withStopReason("length").withUsage(9, 256, 0, 0));

        JsonNode body = x.request().body();
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
        assertThat(body.path("stop").path(0).asString()).isEqualTo("END");
        assertThat(x.whole().stopReason()).isEqualTo(StopReason.MAX_TOKENS);
    }

    @Test
    void cachedPromptTokens() {
        Exchange x = rig.exchange(
                request(
                        "A long, stable system prompt.",
                        List.of(Message.user("Again?")),
                        List.of(),
                        ChatOptions.builder().promptCaching(true).build()),
                FakeReply.text("Yes.").withUsage(20, 3, 1000, 0));

        // OpenAI counts cached tokens inside prompt_tokens; Marble's input count leaves them out.
        assertThat(x.whole().usage()).isEqualTo(new Usage(20, 3, 1000, 0));
    }

    /** The checks above can fail: each direction, and the stream schema, refuses what breaks the spec. */
    @Test
    void theChecksCanFail() {
        int before = rig.fake.requestCount();
        String broken = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"tool\",\"content\":\"no tool_call_id\"}]}";
        HttpResponse<String> refused = rig.postViaPrism("/chat/completions", broken);
        assertThat(refused.statusCode()).as(refused.body()).isIn(400, 422);
        assertThat(rig.fake.requestCount())
                .as("a refused request goes no further")
                .isEqualTo(before);
        assertThat(rig.schemas.violations("CreateChatCompletionRequest", Json.parse(broken)))
                .isNotEmpty();

        rig.fake.enqueue(FakeReply.text("Hi.").withStopReason("finished"));
        assertThatThrownBy(() -> rig.viaPrism.chat(ChatRequest.of(null, "Hi"), StreamListener.NONE))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("VIOLATIONS");

        assertThat(
                        rig.schemas.violations(
                                "CreateChatCompletionStreamResponse",
                                Json.parse(
                                        "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":"
                                                + "[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"finished\"}]}")))
                .isNotEmpty();
    }

    private static ChatRequest request(
            String system, List<Message> messages, List<ToolSpec> tools, ChatOptions options) {
        return new ChatRequest(system, messages, tools, options);
    }
}
