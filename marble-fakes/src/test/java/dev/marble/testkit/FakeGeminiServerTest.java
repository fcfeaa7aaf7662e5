package dev.marble.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The fake Gemini API on the wire, read with a plain JDK client: no Marble code in between. */
class FakeGeminiServerTest {

    private static final String KEY = "AIza-fake-test-key";

    private FakeGeminiServer server;

    @BeforeEach
    void start() {
        server = FakeGeminiServer.start().requireApiKey(KEY);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url(String method) {
        return server.baseUrl() + "/models/gemini-2.5-flash:" + method;
    }

    private HttpResponse<String> post(String method, String body) throws Exception {
        return Wire.post(url(method), body, "x-goog-api-key", KEY);
    }

    private static final String HELLO = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hello there\"}]}]}";

    @Test
    void answersAGenerateContentRequestInTheApiShape() throws Exception {
        server.enqueue(FakeReply.text("Hi.")
                .withToolCall("get_time", "{\"zone\":\"UTC\"}")
                .withThinking("Greet, then look.", "sig-1")
                .withUsage(12, 9, 4, 0));
        HttpResponse<String> response = post("generateContent", HELLO);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = Wire.json(response.body());
        JsonNode candidate = body.path("candidates").get(0);
        assertThat(candidate.path("finishReason").asString())
                .as("STOP also for calls")
                .isEqualTo("STOP");
        assertThat(candidate.path("content").path("role").asString()).isEqualTo("model");
        JsonNode parts = candidate.path("content").path("parts");
        assertThat(parts.get(0).path("thought").asBoolean()).isTrue();
        assertThat(parts.get(0).path("text").asString()).isEqualTo("Greet, then look.");
        assertThat(parts.get(1).path("text").asString()).isEqualTo("Hi.");
        assertThat(parts.get(2).path("functionCall").path("name").asString()).isEqualTo("get_time");
        assertThat(parts.get(2).path("functionCall").has("id"))
                .as("no id unless the reply names one")
                .isFalse();
        assertThat(parts.get(2).path("functionCall").path("args").path("zone").asString())
                .isEqualTo("UTC");
        assertThat(parts.get(2).path("thoughtSignature").asString()).isEqualTo("sig-1");
        JsonNode usage = body.path("usageMetadata");
        assertThat(usage.path("promptTokenCount").asLong()).isEqualTo(16);
        assertThat(usage.path("cachedContentTokenCount").asLong()).isEqualTo(4);
        assertThat(usage.path("candidatesTokenCount").asLong()
                        + usage.path("thoughtsTokenCount").asLong())
                .isEqualTo(9);
        assertThat(body.path("modelVersion").asString()).isEqualTo("gemini-2.5-flash");
    }

    @Test
    void streamsResponseChunksAsServerSentEventsWithTheFinishOnTheLast() throws Exception {
        server.enqueue(FakeReply.text("One two three four five six."));
        HttpResponse<String> response = post("streamGenerateContent?alt=sse", HELLO);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<JsonNode> chunks = new ArrayList<>();
        for (String event : response.body().split("\r\n\r\n")) {
            if (event.isBlank()) continue;
            assertThat(event).startsWith("data: ");
            chunks.add(Wire.json(event.substring(6)));
        }
        assertThat(chunks).hasSizeGreaterThan(1);
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : chunks) {
            text.append(chunk.path("candidates")
                    .get(0)
                    .path("content")
                    .path("parts")
                    .get(0)
                    .path("text")
                    .asString());
        }
        assertThat(text).hasToString("One two three four five six.");
        assertThat(chunks.getLast()
                        .path("candidates")
                        .get(0)
                        .path("finishReason")
                        .asString())
                .isEqualTo("STOP");
        assertThat(chunks.getFirst().path("candidates").get(0).has("finishReason"))
                .isFalse();
        assertThat(server.lastRequest().stream()).isTrue();
    }

    @Test
    void aStreamWithoutAltSseIsRefused() throws Exception {
        assertThat(post("streamGenerateContent", HELLO).statusCode()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level field | {"contents":[{"role":"user","parts":[{"text":"hi"}]}],"messages":[]} | Unknown name "messages": Cannot find field.
            JSON Schema keyword in parameters | {"contents":[{"role":"user","parts":[{"text":"hi"}]}],"tools":[{"functionDeclarations":[{"name":"f","parameters":{"type":"OBJECT","properties":{"a":{"type":"STRING"}},"additionalProperties":false}}]}]} | Unknown name "additionalProperties" at 'tools[0].function_declarations[0].parameters': Cannot find field.
            $schema in parameters | {"contents":[{"role":"user","parts":[{"text":"hi"}]}],"tools":[{"functionDeclarations":[{"name":"f","parameters":{"$schema":"x","type":"OBJECT","properties":{"a":{"type":"STRING"}}}}]}]} | Unknown name "$schema"
            OBJECT without properties | {"contents":[{"role":"user","parts":[{"text":"hi"}]}],"tools":[{"functionDeclarations":[{"name":"f","parameters":{"type":"OBJECT"}}]}]} | should be non-empty for OBJECT type
            bad function name | {"contents":[{"role":"user","parts":[{"text":"hi"}]}],"tools":[{"functionDeclarations":[{"name":"9 lives"}]}]} | Invalid function name
            wrong role | {"contents":[{"role":"assistant","parts":[{"text":"hi"}]}]} | Please use a valid role: user, model.
            no contents | {"contents":[]} | contents is not specified
            part without data | {"contents":[{"role":"user","parts":[{"thought":true}]}]} | required oneof field 'data'
            response without a call | {"contents":[{"role":"user","parts":[{"text":"hi"}]},{"role":"user","parts":[{"functionResponse":{"name":"f","response":{"output":"x"}}}]}]} | function response turn comes immediately after a function call turn
            fewer responses than calls | {"contents":[{"role":"user","parts":[{"text":"hi"}]},{"role":"model","parts":[{"functionCall":{"name":"f","args":{}}},{"functionCall":{"name":"g","args":{}}}]},{"role":"user","parts":[{"functionResponse":{"name":"f","response":{"output":"x"}}}]}]} | number of function response parts is equal to the number of function call parts
            response to another call | {"contents":[{"role":"user","parts":[{"text":"hi"}]},{"role":"model","parts":[{"functionCall":{"id":"a","name":"f","args":{}}}]},{"role":"user","parts":[{"functionResponse":{"id":"b","name":"f","response":{"output":"x"}}}]}]} | answers a function call of the function call turn
            unknown generation option | {"contents":[{"role":"user","parts":[{"text":"hi"}]}],"generationConfig":{"max_tokens":5}} | Unknown name "max_tokens" at 'generation_config'
            """)
    void refusesWhatTheRealApiRefuses(String name, String body, String message) throws Exception {
        HttpResponse<String> response = post("generateContent", body);
        assertThat(response.statusCode()).as(name).isEqualTo(400);
        JsonNode error = Wire.json(response.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(400);
        assertThat(error.path("status").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.path("message").asString()).contains(message);
    }

    @Test
    void acceptsAToolRoundTripInBothSpellingsAndReadsIt() throws Exception {
        String body = """
                {"system_instruction":{"parts":[{"text":"Be brief."}]},
                 "contents":[{"role":"user","parts":[{"text":"time?"}]},
                  {"role":"model","parts":[{"functionCall":{"id":"c1","name":"get_time","args":{}},"thoughtSignature":"s"}]},
                  {"role":"user","parts":[{"function_response":{"id":"c1","name":"get_time","response":{"error":"no clock"}}}]}],
                 "tools":[{"function_declarations":[{"name":"get_time"}]}],
                 "generationConfig":{"maxOutputTokens":10,"thinkingConfig":{"thinkingBudget":0}}}
                """;
        assertThat(post("generateContent", body).statusCode()).isEqualTo(200);
        SeenRequest seen = server.lastRequest();
        assertThat(seen.system()).isEqualTo("Be brief.");
        assertThat(seen.toolNames()).containsExactly("get_time");
        assertThat(seen.messages().get(1).role()).isEqualTo("assistant");
        assertThat(seen.messages().get(1).toolCalls())
                .singleElement()
                .satisfies(call -> assertThat(call.id()).isEqualTo("c1"));
        assertThat(seen.messages().get(2).toolResults()).singleElement().satisfies(result -> {
            assertThat(result.toolCallId()).isEqualTo("c1");
            assertThat(result.content()).isEqualTo("no clock");
            assertThat(result.isError()).isTrue();
        });
    }

    @Test
    void refusesAMissingKeyAsTheApiDoesAndAWrongOneAsTheContractExpects() throws Exception {
        HttpResponse<String> none = Wire.post(url("generateContent"), HELLO);
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(Wire.json(none.body()).path("error").path("status").asString())
                .isEqualTo("PERMISSION_DENIED");
        HttpResponse<String> wrong = Wire.post(url("generateContent"), HELLO, "x-goog-api-key", "AIza-other");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(Wire.json(wrong.body()).path("error").path("message").asString())
                .isEqualTo("API key not valid. Please pass a valid API key.");
    }

    @Test
    void anUnknownPathNamesTheModelAsTheApiDoes() throws Exception {
        HttpResponse<String> response =
                Wire.post(server.baseUrl() + "/models/gemini-2.5-flash:countTokens", HELLO, "x-goog-api-key", KEY);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Wire.json(response.body()).path("error").path("message").asString())
                .startsWith("models/gemini-2.5-flash is not found for API version v1beta");
    }

    @Test
    void errorsCarryTheirStatusCodeInTheBody() throws Exception {
        server.enqueue(
                FakeReply.error(429, "RESOURCE_EXHAUSTED", "Quota exceeded").withHeader("retry-after", "7"));
        HttpResponse<String> response = post("generateContent", HELLO);
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).contains("7");
        JsonNode error = Wire.json(response.body()).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(429);
        assertThat(error.path("status").asString()).isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(error.path("message").asString()).isEqualTo("Quota exceeded");
    }
}
