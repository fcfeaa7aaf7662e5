package dev.marble.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class FakeOpenAiServerTest {
    private static final String HELLO = """
            {"model":"gpt-test","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"hello there"}]}""";

    private FakeOpenAiServer server;

    @BeforeEach
    void start() {
        server = FakeOpenAiServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String body) throws Exception {
        return Wire.post(server.baseUrl() + "/chat/completions", body, "authorization", "Bearer sk-test");
    }

    private static String streaming(String body) {
        return body.replaceFirst("\\{", "{\"stream\":true,");
    }

    @Test
    void baseUrlEndsWithTheBasePath() {
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/v1");
        try (FakeOpenAiServer compat = FakeOpenAiServer.start("/compat/v1/")) {
            assertThat(compat.baseUrl()).isEqualTo("http://127.0.0.1:" + compat.port() + "/compat/v1");
        }
    }

    @Test
    void echoesTheLastUserMessageWhenNothingIsQueued() throws Exception {
        HttpResponse<String> response = send(HELLO);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode completion = Wire.json(response.body());
        assertThat(completion.propertyNames()).containsExactly("id", "object", "created", "model", "choices", "usage");
        assertThat(completion.get("id").asString()).startsWith("chatcmpl-");
        assertThat(completion.get("object").asString()).isEqualTo("chat.completion");
        assertThat(completion.get("created").isIntegralNumber()).isTrue();
        assertThat(completion.get("created").asLong()).isCloseTo(System.currentTimeMillis() / 1000, Offset.offset(60L));
        assertThat(completion.get("model").asString()).isEqualTo("gpt-test");
        assertThat(completion.get("choices").toString())
                .isEqualTo("[{\"index\":0,\"message\":{\"role\":\"assistant\","
                        + "\"content\":\"echo: hello "
                        + "there\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\"stop\"}]");
        assertThat(completion.get("usage").toString())
                .isEqualTo("{\"prompt_tokens\":10,\"completion_tokens\":5,"
                        + "\"total_tokens\":15,\"prompt_tokens_details\":{\"cached_tokens\":0}}");
    }

    @Test
    void answersWithToolCallsReasoningAndCachedTokens() throws Exception {
        server.enqueue(FakeReply.toolCall("read_file", "{\"path\":\"a.txt\"}")
                .withToolCall("call_fixed", "list", "{}")
                .withThinking("I should read it.", "ignored-signature")
                .withUsage(100, 20, 30, 40));

        JsonNode completion = Wire.json(send(HELLO).body());

        JsonNode choice = completion.get("choices").get(0);
        assertThat(choice.get("finish_reason").asString()).isEqualTo("tool_calls");
        JsonNode message = choice.get("message");
        assertThat(message.get("content").isNull()).isTrue();
        assertThat(message.get("refusal").isNull()).isTrue();
        assertThat(message.get("reasoning_content").asString()).isEqualTo("I should read it.");
        JsonNode calls = message.get("tool_calls");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).get("id").asString()).startsWith("call_");
        assertThat(calls.get(0).get("type").asString()).isEqualTo("function");
        assertThat(calls.get(0).get("function").toString())
                .isEqualTo("{\"name\":\"read_file\",\"arguments\":\"{\\\"path\\\":\\\"a.txt\\\"}\"}");
        assertThat(calls.get(1).get("id").asString()).isEqualTo("call_fixed");
        assertThat(completion.get("usage").toString())
                .isEqualTo("{\"prompt_tokens\":130,\"completion_tokens\":20,"
                        + "\"total_tokens\":150,\"prompt_tokens_details\":{\"cached_tokens\":30}}");
    }

    @Test
    void streamsChunksAsTheRealApiDoes() throws Exception {
        server.enqueue(FakeReply.text("one two three four")
                .withThinking("hmm let me think", null)
                .withToolCall("read_file", "{\"path\":\"a/very/long/path/to/some/file.txt\"}"));

        HttpResponse<String> response = send(streaming(HELLO));

        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<Wire.Sse> events = Wire.sse(response.body());
        assertThat(events)
                .allSatisfy(e -> assertThat(e.event()).as("no event: lines").isNull());
        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream()
                .map(Wire.Sse::json)
                .toList();
        String id = chunks.getFirst().get("id").asString();
        assertThat(id).startsWith("chatcmpl-");
        for (JsonNode chunk : chunks) {
            assertThat(chunk.propertyNames()).containsExactly("id", "object", "created", "model", "choices");
            assertThat(chunk.get("id").asString()).isEqualTo(id);
            assertThat(chunk.get("object").asString()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.get("model").asString()).isEqualTo("gpt-test");
            assertThat(chunk.get("choices")).hasSize(1);
            assertThat(chunk.get("choices").get(0).propertyNames())
                    .containsExactly("index", "delta", "logprobs", "finish_reason");
        }
        assertThat(chunks.getFirst().get("choices").get(0).get("delta").toString())
                .isEqualTo("{\"role\":\"assistant\",\"content\":\"\"}");
        JsonNode last = chunks.getLast().get("choices").get(0);
        assertThat(last.get("delta").toString()).isEqualTo("{}");
        assertThat(last.get("finish_reason").asString()).isEqualTo("tool_calls");

        StringBuilder reasoning = new StringBuilder();
        StringBuilder text = new StringBuilder();
        StringBuilder arguments = new StringBuilder();
        int contentDeltas = 0;
        int argumentFragments = 0;
        JsonNode opening = null;
        for (JsonNode chunk : chunks.subList(1, chunks.size() - 1)) {
            JsonNode choice = chunk.get("choices").get(0);
            assertThat(choice.get("finish_reason").isNull()).isTrue();
            JsonNode delta = choice.get("delta");
            if (delta.has("reasoning_content")) {
                reasoning.append(delta.get("reasoning_content").asString());
            } else if (delta.has("content")) {
                contentDeltas++;
                text.append(delta.get("content").asString());
            } else {
                JsonNode call = delta.get("tool_calls").get(0);
                assertThat(call.get("index").asInt()).isZero();
                if (call.has("id")) {
                    assertThat(opening).as("one opening per call").isNull();
                    opening = call;
                } else {
                    assertThat(call.propertyNames()).containsExactly("index", "function");
                    argumentFragments++;
                    arguments.append(call.get("function").get("arguments").asString());
                }
            }
        }
        assertThat(reasoning).hasToString("hmm let me think");
        assertThat(text).hasToString("one two three four");
        assertThat(contentDeltas).isGreaterThanOrEqualTo(2);
        assertThat(opening).isNotNull();
        assertThat(opening.get("id").asString()).startsWith("call_");
        assertThat(opening.get("type").asString()).isEqualTo("function");
        assertThat(opening.get("function").toString()).isEqualTo("{\"name\":\"read_file\",\"arguments\":\"\"}");
        assertThat(argumentFragments).isGreaterThanOrEqualTo(2);
        assertThat(arguments).hasToString("{\"path\":\"a/very/long/path/to/some/file.txt\"}");
    }

    @Test
    void addsAUsageChunkWhenAsked() throws Exception {
        server.enqueue(FakeReply.text("hi").withUsage(8, 3, 2, 0));
        String body = """
                {"model":"gpt-test","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"hello"}]}""";

        List<Wire.Sse> events = Wire.sse(send(body).body());

        assertThat(events.getLast().data()).isEqualTo("[DONE]");
        JsonNode usageChunk = events.get(events.size() - 2).json();
        assertThat(usageChunk.get("choices")).isEmpty();
        assertThat(usageChunk.get("usage").toString())
                .isEqualTo("{\"prompt_tokens\":10,\"completion_tokens\":3,"
                        + "\"total_tokens\":13,\"prompt_tokens_details\":{\"cached_tokens\":2}}");
        JsonNode finish = events.get(events.size() - 3).json();
        assertThat(finish.get("choices").get(0).get("finish_reason").asString()).isEqualTo("stop");
        assertThat(finish.get("usage").isNull())
                .as("the other chunks carry usage: null")
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no model           | {"messages":[{"role":"user","content":"hi"}]}                 | you must provide a model parameter
            no messages        | {"model":"m"}                                                  | Missing required parameter: 'messages'
            empty messages     | {"model":"m","messages":[]}                                    | empty array
            bad role           | {"model":"m","messages":[{"role":"robot","content":"hi"}]}    | Invalid value: 'robot'
            not JSON           | {"model":                                                      | could not parse the JSON body
            stream_options     | {"model":"m","stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]} | only allowed when 'stream' is enabled
            tool without call  | {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"tool","tool_call_id":"call_1","content":"x"}]} | must be a response to a preceeding message with 'tool_calls'
            tool without id    | {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"t","arguments":"{}"}}]},{"role":"tool","content":"x"}]} | Missing parameter 'tool_call_id'
            wrong tool id      | {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"t","arguments":"{}"}}]},{"role":"tool","tool_call_id":"call_2","content":"x"}]} | preceeding message
            unanswered call    | {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"t","arguments":"{}"}},{"id":"call_2","type":"function","function":{"name":"t","arguments":"{}"}}]},{"role":"tool","tool_call_id":"call_1","content":"x"},{"role":"user","content":"go on"}]} | did not have response messages: call_2
            call at the end    | {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"t","arguments":"{}"}}]}]} | did not have response messages: call_1
            late tool message  | {"model":"m","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"t","arguments":"{}"}}]},{"role":"tool","tool_call_id":"call_1","content":"x"},{"role":"user","content":"more"},{"role":"tool","tool_call_id":"call_1","content":"x"}]} | preceeding message
            """)
    void refusesInvalidRequestsLikeTheRealApi(String name, String body, String message) throws Exception {
        server.enqueue(FakeReply.text("kept for the next valid request"));

        HttpResponse<String> response = send(body);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Wire.json(response.body());
        assertThat(error.propertyNames()).containsExactly("error");
        assertThat(error.get("error").propertyNames()).containsExactly("message", "type", "param", "code");
        assertThat(error.get("error").get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.get("error").get("message").asString()).contains(message);
        assertThat(Wire.json(send(HELLO).body())
                        .get("choices")
                        .get(0)
                        .get("message")
                        .get("content")
                        .asString())
                .isEqualTo("kept for the next valid request");
    }

    @Test
    void readsAToolRoundTripAndTheRestOfTheRequest() throws Exception {
        String body = """
                {"model":"gpt-test","stream":true,
                 "tools":[{"type":"function","function":{"name":"read_file","parameters":{"type":"object"}}}],
                 "messages":[
                  {"role":"developer","content":"Be brief."},
                  {"role":"system","content":[{"type":"text","text":"Be kind."}]},
                  {"role":"user","content":[{"type":"text","text":"read a.txt"}]},
                  {"role":"assistant","content":null,"tool_calls":[
                     {"id":"call_1","type":"function","function":{"name":"read_file","arguments":"{\\"path\\":\\"a.txt\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"file body"},
                  {"role":"user","content":"and now?"}]}""";

        assertThat(send(body).statusCode()).isEqualTo(200);

        SeenRequest seen = server.lastRequest();
        assertThat(seen.path()).isEqualTo("/v1/chat/completions");
        assertThat(seen.header("authorization")).isEqualTo("Bearer sk-test");
        assertThat(seen.stream()).isTrue();
        assertThat(seen.system()).isEqualTo("Be brief.\nBe kind.");
        assertThat(seen.toolNames()).containsExactly("read_file");
        assertThat(seen.messages())
                .containsExactly(
                        new SeenMessage("user", "read a.txt", List.of(), List.of()),
                        new SeenMessage(
                                "assistant",
                                "",
                                List.of(new FakeToolCall("call_1", "read_file", "{\"path\":\"a.txt\"}")),
                                List.of()),
                        new SeenMessage(
                                "tool", "", List.of(), List.of(new SeenToolResult("call_1", "file body", false))),
                        new SeenMessage("user", "and now?", List.of(), List.of()));
    }

    @Test
    void requiresTheApiKeyOnceAsked() throws Exception {
        server.requireApiKey("sk-right");
        String url = server.baseUrl() + "/chat/completions";

        List<HttpResponse<String>> refused = new ArrayList<>();
        refused.add(Wire.post(url, HELLO));
        refused.add(Wire.post(url, HELLO, "authorization", "Bearer sk-wrong"));
        refused.add(Wire.post(url, HELLO, "x-api-key", "sk-right"));
        HttpResponse<String> right = Wire.post(url, HELLO, "authorization", "Bearer sk-right");

        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(Wire.json(response.body()).get("error").propertyNames())
                    .containsExactly("message", "type", "param", "code");
        }
        assertThat(right.statusCode()).isEqualTo(200);
    }

    @Test
    void sendsHttpErrorsInTheApiErrorFormat() throws Exception {
        server.enqueue(
                FakeReply.error(503, "server_error", "The server is overloaded").withHeader("retry-after", "2"));

        HttpResponse<String> response = send(HELLO);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("retry-after")).hasValue("2");
        assertThat(response.body())
                .isEqualTo("{\"error\":{\"message\":\"The server is overloaded\","
                        + "\"type\":\"server_error\",\"param\":null,\"code\":null}}");
    }

    @Test
    void servesACompatibleBasePathOnly() throws Exception {
        try (FakeOpenAiServer compat = FakeOpenAiServer.start("/compat/v1")) {
            HttpResponse<String> ok = Wire.post(compat.baseUrl() + "/chat/completions", HELLO);
            HttpResponse<String> elsewhere =
                    Wire.post("http://127.0.0.1:" + compat.port() + "/v1/chat/completions", HELLO);

            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(elsewhere.statusCode()).isEqualTo(404);
            assertThat(Wire.json(elsewhere.body()).get("error").get("message").asString())
                    .isEqualTo("Invalid URL (POST /v1/chat/completions)");
        }
    }
}
