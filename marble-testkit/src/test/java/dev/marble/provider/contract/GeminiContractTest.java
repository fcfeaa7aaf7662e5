package dev.marble.provider.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.marble.error.ModelException;
import dev.marble.json.Json;
import dev.marble.model.ChatOptions;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.Part;
import dev.marble.model.Role;
import dev.marble.model.StopReason;
import dev.marble.model.ToolSpec;
import dev.marble.testkit.FakeGeminiServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.contract.HttpChatModelContract;
import dev.marble.testkit.contract.HttpFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gemini provider, configured as Google's SDKs are: GEMINI_API_KEY, and the base URL from GEMINI_BASE_URL. */
class GeminiContractTest extends HttpChatModelContract {

    private static final String KEY = "AIzaSy-test-gemini-key-0123456789";

    @Override
    protected HttpFixture createFixture() {
        FakeGeminiServer server = FakeGeminiServer.start();
        return new HttpFixture(
                server,
                Map.of("GEMINI_BASE_URL", server.baseUrl(), "GEMINI_API_KEY", KEY),
                null,
                new ModelRef("gemini", "gemini-2.5-flash"));
    }

    @Override
    protected boolean reportsCacheWrites() {
        return false; // Gemini counts cached input (cachedContentTokenCount), never what was written to a cache
    }

    @Override
    protected boolean sendsReasoningBack() {
        // The signature does go back, on the part it came with, not in an Anthropic-shaped block: see below.
        return false;
    }

    @Override
    protected boolean reportsCost() {
        return false; // the API says nothing of price: Marble's pricing table does
    }

    private HttpFixture gemini() {
        return http();
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void theKeyGoesInItsHeaderAndTheModelInThePath(boolean stream) {
        gemini().server().requireApiKey(KEY);
        fixture.answer(FakeReply.text("ok"));
        ChatResponse response = fixture.model().chat(ChatRequest.of("Be brief.", "hi"), listener(stream));
        assertThat(response.text()).isEqualTo("ok");
        assertThat(response.model()).isEqualTo(new ModelRef("gemini", "gemini-2.5-flash"));
        var seen = fixture.lastRequest().orElseThrow();
        assertThat(seen.header("x-goog-api-key")).isEqualTo(KEY);
        assertThat(seen.path())
                .isEqualTo("/v1beta/models/gemini-2.5-flash:" + (stream ? "streamGenerateContent" : "generateContent"))
                .doesNotContain(KEY);
        assertThat(seen.body()
                        .path("systemInstruction")
                        .path("parts")
                        .get(0)
                        .path("text")
                        .asString())
                .isEqualTo("Be brief.");
        assertThat(seen.body().path("contents").get(0).path("role").asString()).isEqualTo("user");
    }

    @Test
    void googleApiKeyIsTakenWhenGeminiApiKeyIsNotSet() {
        FakeGeminiServer server = FakeGeminiServer.start().requireApiKey("AIza-google-api-key-000");
        try (HttpFixture google = new HttpFixture(
                server,
                Map.of("GEMINI_BASE_URL", server.baseUrl(), "GOOGLE_API_KEY", "AIza-google-api-key-000"),
                null,
                new ModelRef("gemini", "gemini-2.5-pro"))) {
            google.answer(FakeReply.text("ok"));
            assertThat(google.model().chat(ChatRequest.of(null, "hi")).text()).isEqualTo("ok");
        }
    }

    @Test
    void theApisOwnResourceNameForAModelWorksToo() {
        FakeGeminiServer server = FakeGeminiServer.start();
        try (HttpFixture named = new HttpFixture(
                server,
                Map.of("GEMINI_BASE_URL", server.baseUrl(), "GEMINI_API_KEY", KEY),
                null,
                new ModelRef("gemini", "models/gemini-2.5-pro"))) {
            named.answer(FakeReply.text("ok"));
            assertThat(named.model().chat(ChatRequest.of(null, "hi")).text()).isEqualTo("ok");
            assertThat(server.lastRequest().path()).isEqualTo("/v1beta/models/gemini-2.5-pro:generateContent");
        }
    }

    @Test
    void optionsGoInGenerationConfigByTheirWireNames() {
        fixture.answer(FakeReply.text("ok"));
        fixture.model()
                .chat(ChatRequest.of(null, "hi")
                        .withOptions(ChatOptions.builder()
                                .temperature(0.2)
                                .topP(0.9)
                                .maxTokens(50)
                                .stopSequences(List.of("END"))
                                .thinkingBudgetTokens(1024)
                                .extra("seed", Json.parse("7"))
                                .extra("top_k", Json.parse("40"))
                                .extra("safetySettings", Json.parse("[]"))
                                .build()));
        var body = fixture.lastRequest().orElseThrow().body();
        var config = body.path("generationConfig");
        assertThat(config.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(config.path("topP").asDouble()).isEqualTo(0.9);
        assertThat(config.path("maxOutputTokens").asInt()).isEqualTo(50);
        assertThat(config.path("stopSequences").get(0).asString()).isEqualTo("END");
        assertThat(config.path("thinkingConfig").path("thinkingBudget").asInt()).isEqualTo(1024);
        assertThat(config.path("thinkingConfig").path("includeThoughts").asBoolean())
                .isTrue();
        assertThat(config.path("seed").asInt())
                .as("an unnamed option is a generation option")
                .isEqualTo(7);
        assertThat(config.path("top_k").asInt())
                .as("LLMProc's parameter name, which the API also takes")
                .isEqualTo(40);
        assertThat(body.path("safetySettings").isArray())
                .as("a field of the request itself stays at the top")
                .isTrue();
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void theThoughtSignatureGoesBackOnTheCallItCameWith(boolean stream) {
        fixture.answer(FakeReply.toolCall("get_weather", "{\"city\":\"Rome\"}")
                .withThinking("Need the weather.", "sig-rome-1"));
        fixture.answer(FakeReply.text("Warm."));
        List<Message> history = new ArrayList<>(List.of(Message.user("Weather in Rome?")));
        ChatResponse asked = fixture.model()
                .chat(new ChatRequest(null, history, List.of(WEATHER), ChatOptions.DEFAULTS), listener(stream));
        assertThat(asked.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(asked.message().parts())
                .filteredOn(Part.Reasoning.class::isInstance)
                .singleElement()
                .satisfies(r -> {
                    assertThat(((Part.Reasoning) r).text()).isEqualTo("Need the weather.");
                    assertThat(((Part.Reasoning) r).signature()).isEqualTo("sig-rome-1");
                });
        Part.ToolCall call = asked.message().toolCalls().getFirst();
        history.add(asked.message());
        history.add(new Message(Role.USER, List.of(new Part.ToolResult(call.id(), "25 C", false))));
        fixture.model().chat(new ChatRequest(null, history, List.of(WEATHER), ChatOptions.DEFAULTS), listener(stream));
        var model = fixture.lastRequest().orElseThrow().body().path("contents").get(1);
        assertThat(model.path("role").asString()).isEqualTo("model");
        assertThat(model.path("parts").get(0).path("functionCall").path("name").asString())
                .isEqualTo("get_weather");
        assertThat(model.path("parts").get(0).path("thoughtSignature").asString())
                .isEqualTo("sig-rome-1");
        var response =
                fixture.lastRequest().orElseThrow().body().path("contents").get(2);
        assertThat(response.path("parts")
                        .get(0)
                        .path("functionResponse")
                        .path("name")
                        .asString())
                .isEqualTo("get_weather");
        assertThat(response.path("parts")
                        .get(0)
                        .path("functionResponse")
                        .path("response")
                        .path("output")
                        .asString())
                .isEqualTo("25 C");
    }

    @Test
    void idsTheModelGaveTravelBackOnCallAndResponse() {
        fixture.answer(FakeReply.text("Checking.")
                .withToolCall("fc-1", "get_weather", "{\"city\":\"Oslo\"}")
                .withToolCall("fc-2", "get_weather", "{\"city\":\"Bergen\"}"));
        fixture.answer(FakeReply.text("Both cold."));
        List<Message> history = new ArrayList<>(List.of(Message.user("Oslo and Bergen?")));
        ChatResponse asked =
                fixture.model().chat(new ChatRequest(null, history, List.of(WEATHER), ChatOptions.DEFAULTS));
        assertThat(asked.message().toolCalls()).extracting(Part.ToolCall::id).containsExactly("fc-1", "fc-2");
        history.add(asked.message());
        history.add(new Message(
                Role.USER,
                List.of(new Part.ToolResult("fc-2", "-1 C", false), new Part.ToolResult("fc-1", "-3 C", false))));
        ChatResponse answered =
                fixture.model().chat(new ChatRequest(null, history, List.of(WEATHER), ChatOptions.DEFAULTS));
        assertThat(answered.text()).isEqualTo("Both cold.");
    }

    @Test
    void aResponseThatAnswersNoCallIsRefusedByTheFakeAsByTheApi() {
        List<Message> history = List.of(
                Message.user("hi"),
                Message.assistant("hello"),
                new Message(Role.USER, List.of(new Part.ToolResult("nobody-called", "stray", false))));
        ModelException e = catchThrowableOfType(
                ModelException.class,
                () -> fixture.model().chat(new ChatRequest(null, history, List.of(WEATHER), ChatOptions.DEFAULTS)));
        assertThat(e.kind()).isEqualTo(ModelException.Kind.BAD_REQUEST);
        assertThat(e.getMessage()).contains("function response turn comes immediately after a function call turn");
    }

    @Test
    void jsonSchemaKeywordsTheApiRefusesAreDroppedOrConverted() {
        ToolSpec rich = new ToolSpec("write_file", "Write a file", Json.parse("""
                        {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","additionalProperties":false,
                         "properties":{
                           "path":{"type":"string","format":"uri-reference","minLength":1},
                           "mode":{"type":["string","null"],"enum":["w","a"]},
                           "lines":{"type":"array","items":{"$ref":"#/$defs/line"}},
                           "meta":{"type":"object","additionalProperties":{"type":"string"}},
                           "kind":{"const":"text"}},
                         "required":["path","ghost"],
                         "$defs":{"line":{"type":"object","properties":{"n":{"type":"integer","exclusiveMinimum":0}}}}}
                        """));
        ToolSpec none = new ToolSpec("now", "The time", Json.parse("{\"type\":\"object\",\"properties\":{}}"));
        fixture.answer(FakeReply.text("ok"));
        ChatResponse response = fixture.model()
                .chat(new ChatRequest(null, List.of(Message.user("go")), List.of(rich, none), ChatOptions.DEFAULTS));
        assertThat(response.text()).as("the strict fake accepted the request").isEqualTo("ok");
        var declarations =
                fixture.lastRequest().orElseThrow().body().path("tools").get(0).path("functionDeclarations");
        var parameters = declarations.get(0).path("parameters");
        assertThat(parameters.toString())
                .doesNotContain(
                        "additionalProperties", "$schema", "$defs", "$ref", "exclusiveMinimum", "uri-reference");
        assertThat(parameters.path("type").asString()).isEqualTo("OBJECT");
        assertThat(parameters.path("required")).hasSize(1);
        assertThat(parameters.path("properties").path("mode").path("nullable").asBoolean())
                .isTrue();
        assertThat(parameters
                        .path("properties")
                        .path("lines")
                        .path("items")
                        .path("properties")
                        .path("n")
                        .path("type")
                        .asString())
                .isEqualTo("INTEGER");
        assertThat(parameters
                        .path("properties")
                        .path("kind")
                        .path("enum")
                        .get(0)
                        .asString())
                .isEqualTo("text");
        assertThat(declarations.get(1).has("parameters"))
                .as("a tool without parameters declares none")
                .isFalse();
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void thinkingTokensCountAsOutput(boolean stream) {
        fixture.answer(FakeReply.text("Forty-two.")
                .withThinking("Six times seven is forty-two.", null)
                .withUsage(30, 40, 10, 0));
        ChatResponse response = fixture.model().chat(ChatRequest.of(null, "6*7?"), listener(stream));
        assertThat(response.usage().inputTokens()).isEqualTo(30);
        assertThat(response.usage().cacheReadTokens()).isEqualTo(10);
        assertThat(response.usage().outputTokens())
                .as("candidatesTokenCount + thoughtsTokenCount")
                .isEqualTo(40);
        assertThat(fixture.model()
                        .chat(ChatRequest.of(null, "again"), listener(stream))
                        .usage()
                        .outputTokens())
                .isEqualTo(5);
    }

    @Test
    void finishReasonsMapToStopReasons() {
        assertThat(stopAfter("MAX_TOKENS")).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(stopAfter("SAFETY")).isEqualTo(StopReason.REFUSAL);
        assertThat(stopAfter("RECITATION")).isEqualTo(StopReason.REFUSAL);
        assertThat(stopAfter("PROHIBITED_CONTENT")).isEqualTo(StopReason.REFUSAL);
        assertThat(stopAfter("MALFORMED_FUNCTION_CALL")).isEqualTo(StopReason.OTHER);
        assertThat(stopAfter("STOP")).isEqualTo(StopReason.END_TURN);
    }

    private StopReason stopAfter(String finishReason) {
        fixture.answer(FakeReply.text("partial answer here").withStopReason(finishReason));
        ChatResponse response = fixture.model().chat(ChatRequest.of(null, "hi"), new Collecting());
        assertThat(response.rawStopReason()).isEqualTo(finishReason);
        return response.stopReason();
    }

    @Test
    void googleStatusErrorsAreMappedAsTheOtherProvidersMapThem() {
        assertThat(error(FakeReply.error(503, "UNAVAILABLE", "The model is overloaded. Please try again later.")))
                .satisfies(e -> assertThat(e.retryable()).isTrue())
                .satisfies(e -> assertThat(e.getMessage())
                        .isEqualTo("HTTP 503 UNAVAILABLE: The model is overloaded. Please try again later."));
        assertThat(error(FakeReply.error(429, "RESOURCE_EXHAUSTED", "Quota exceeded")
                        .withHeader("retry-after", "3")))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.RATE_LIMITED))
                .satisfies(e -> assertThat(e.retryAfter()).hasSeconds(3));
        assertThat(error(FakeReply.error(403, "PERMISSION_DENIED", "no access")))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.AUTHENTICATION))
                .satisfies(e -> assertThat(e.retryable()).isFalse());
        // What the real API answers for a key it does not know: a 400, an authentication failure all the same.
        assertThat(error(FakeReply.error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.")))
                .satisfies(e -> assertThat(e.kind()).isEqualTo(ModelException.Kind.AUTHENTICATION))
                .satisfies(e -> assertThat(e.httpStatus()).isEqualTo(400))
                .satisfies(e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    void anErrorMessageIsOneLineWithTheKeyHidden() {
        ModelException e = error(FakeReply.error(
                400, "INVALID_ARGUMENT", "* GenerateContentRequest.contents[0]: bad\n* key " + KEY + " was used\n"));
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(KEY).contains("contents[0]: bad");
        assertThat(e.retryable()).isFalse();
    }

    private ModelException error(FakeReply reply) {
        fixture.answer(reply);
        return catchThrowableOfType(ModelException.class, () -> fixture.model().chat(ChatRequest.of(null, "hi")));
    }
}
