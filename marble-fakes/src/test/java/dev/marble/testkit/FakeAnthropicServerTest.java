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

class FakeAnthropicServerTest {
    private static final String HELLO = """
            {"model":"claude-test","max_tokens":100,"messages":[{"role":"user","content":"hello there"}]}""";

    private FakeAnthropicServer server;

    @BeforeEach
    void start() {
        server = FakeAnthropicServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String body) throws Exception {
        return send("/v1/messages", body);
    }

    private HttpResponse<String> send(String path, String body) throws Exception {
        return Wire.post(server.baseUrl() + path, body, "anthropic-version", "2023-06-01", "x-api-key", "sk-test");
    }

    private static String streaming(String body) {
        return body.replaceFirst("\\{", "{\"stream\":true,");
    }

    @Test
    void baseUrlIsTheBareOrigin() {
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port());
    }

    @Test
    void echoesTheLastUserMessageWhenNothingIsQueued() throws Exception {
        HttpResponse<String> response = send(HELLO);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.headers().firstValue("request-id"))
                .hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
        JsonNode message = Wire.json(response.body());
        assertThat(message.propertyNames())
                .containsExactly("id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage");
        assertThat(message.get("id").asString()).startsWith("msg_");
        assertThat(message.get("type").asString()).isEqualTo("message");
        assertThat(message.get("role").asString()).isEqualTo("assistant");
        assertThat(message.get("model").asString()).isEqualTo("claude-test");
        assertThat(message.get("content").toString()).isEqualTo("[{\"type\":\"text\",\"text\":\"echo: hello there\"}]");
        assertThat(message.get("stop_reason").asString()).isEqualTo("end_turn");
        assertThat(message.get("stop_sequence").isNull()).isTrue();
        assertThat(message.get("usage").toString())
                .isEqualTo("{\"input_tokens\":10,\"output_tokens\":5,"
                        + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0}");
    }

    @Test
    void answersWithThinkingTextAndToolCallsInOrder() throws Exception {
        server.enqueue(FakeReply.text("Let me look.")
                .withThinking("I should read the file.", "sig-123")
                .withToolCall("read_file", "{\"path\":\"a.txt\"}")
                .withToolCall("toolu_fixed", "list", "{}")
                .withUsage(100, 20, 30, 40));

        JsonNode message = Wire.json(send(HELLO).body());

        JsonNode content = message.get("content");
        assertThat(content).hasSize(4);
        assertThat(content.get(0).toString())
                .isEqualTo(
                        "{\"type\":\"thinking\",\"thinking\":\"I should read the file.\",\"signature\":\"sig-123\"}");
        assertThat(content.get(1).toString()).isEqualTo("{\"type\":\"text\",\"text\":\"Let me look.\"}");
        assertThat(content.get(2).get("type").asString()).isEqualTo("tool_use");
        assertThat(content.get(2).get("id").asString()).startsWith("toolu_");
        assertThat(content.get(2).get("name").asString()).isEqualTo("read_file");
        assertThat(content.get(2).get("input").toString()).isEqualTo("{\"path\":\"a.txt\"}");
        assertThat(content.get(3).get("id").asString()).isEqualTo("toolu_fixed");
        assertThat(content.get(3).get("input").isObject()).isTrue();
        assertThat(message.get("stop_reason").asString()).isEqualTo("tool_use");
        JsonNode usage = message.get("usage");
        assertThat(usage.get("input_tokens").asLong()).isEqualTo(100);
        assertThat(usage.get("output_tokens").asLong()).isEqualTo(20);
        assertThat(usage.get("cache_read_input_tokens").asLong()).isEqualTo(30);
        assertThat(usage.get("cache_creation_input_tokens").asLong()).isEqualTo(40);
    }

    @Test
    void sendsAGivenStopReasonVerbatimAndAcceptsAQueryString() throws Exception {
        server.enqueue(FakeReply.text("cut sh").withStopReason("max_tokens"));

        HttpResponse<String> response = send("/v1/messages?beta=true", HELLO);

        assertThat(Wire.json(response.body()).get("stop_reason").asString()).isEqualTo("max_tokens");
        assertThat(server.lastRequest().path()).isEqualTo("/v1/messages");
    }

    @Test
    void streamsTextAsTheRealApiDoes() throws Exception {
        server.enqueue(FakeReply.text("one two three four five six seven").withUsage(11, 7, 2, 3));

        HttpResponse<String> response = send(streaming(HELLO));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<Wire.Sse> events = Wire.sse(response.body());
        events.forEach(
                e -> assertThat(e.event()).as("event name repeats data type").isEqualTo(e.type()));
        assertThat(events)
                .extracting(Wire.Sse::type)
                .containsExactly(
                        "message_start",
                        "ping",
                        "content_block_start",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_delta",
                        "content_block_stop",
                        "message_delta",
                        "message_stop");

        JsonNode start = events.get(0).json().get("message");
        assertThat(start.get("id").asString()).startsWith("msg_");
        assertThat(start.get("model").asString()).isEqualTo("claude-test");
        assertThat(start.get("content")).isEmpty();
        assertThat(start.get("stop_reason").isNull()).isTrue();
        assertThat(start.get("usage").toString())
                .isEqualTo("{\"input_tokens\":11,\"cache_creation_input_tokens\":3,"
                        + "\"cache_read_input_tokens\":2,\"output_tokens\":1}");
        assertThat(events.get(2).json().toString())
                .isEqualTo(
                        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        StringBuilder text = new StringBuilder();
        for (Wire.Sse delta : events.subList(3, 6)) {
            assertThat(delta.json().get("index").asInt()).isZero();
            assertThat(delta.json().get("delta").get("type").asString()).isEqualTo("text_delta");
            text.append(delta.json().get("delta").get("text").asString());
        }
        assertThat(text).hasToString("one two three four five six seven");
        assertThat(events.get(6).json().toString()).isEqualTo("{\"type\":\"content_block_stop\",\"index\":0}");
        assertThat(events.get(7).json().toString())
                .isEqualTo(
                        "{\"type\":\"message_delta\","
                                + "\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":7}}");
        assertThat(events.get(8).json().toString()).isEqualTo("{\"type\":\"message_stop\"}");
    }

    @Test
    void streamsThinkingAndToolUseInPieces() throws Exception {
        String arguments = "{\"path\":\"src/main/java/Example.java\",\"limit\":200}";
        server.enqueue(
                FakeReply.toolCall("read_file", arguments).withThinking("Reading the example file now.", "sig-9"));

        List<Wire.Sse> events = Wire.sse(send(streaming(HELLO)).body());

        List<String> types = events.stream().map(Wire.Sse::type).toList();
        assertThat(types)
                .startsWith("message_start", "ping", "content_block_start")
                .endsWith("content_block_stop", "message_delta", "message_stop");
        JsonNode thinkingStart = events.get(2).json().get("content_block");
        assertThat(thinkingStart.toString()).isEqualTo("{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}");
        StringBuilder thinking = new StringBuilder();
        String signature = null;
        StringBuilder json = new StringBuilder();
        List<String> fragments = new ArrayList<>();
        JsonNode toolStart = null;
        for (Wire.Sse event : events) {
            JsonNode data = event.json();
            if (data.get("type").asString().equals("content_block_start")
                    && data.get("index").asInt() == 1) {
                toolStart = data.get("content_block");
            }
            if (!data.get("type").asString().equals("content_block_delta")) {
                continue;
            }
            JsonNode delta = data.get("delta");
            switch (delta.get("type").asString()) {
                case "thinking_delta" -> thinking.append(delta.get("thinking").asString());
                case "signature_delta" -> signature = delta.get("signature").asString();
                case "input_json_delta" -> {
                    assertThat(data.get("index").asInt()).isEqualTo(1);
                    fragments.add(delta.get("partial_json").asString());
                    json.append(delta.get("partial_json").asString());
                }
                default -> throw new AssertionError("unexpected delta " + delta);
            }
        }
        assertThat(thinking).hasToString("Reading the example file now.");
        assertThat(signature).isEqualTo("sig-9");
        assertThat(toolStart).isNotNull();
        assertThat(toolStart.get("type").asString()).isEqualTo("tool_use");
        assertThat(toolStart.get("id").asString()).startsWith("toolu_");
        assertThat(toolStart.get("name").asString()).isEqualTo("read_file");
        assertThat(toolStart.get("input").toString()).isEqualTo("{}");
        assertThat(fragments.stream().filter(f -> !f.isEmpty())).hasSizeGreaterThanOrEqualTo(2);
        assertThat(json).hasToString(arguments);
        assertThat(events.get(events.size() - 2)
                        .json()
                        .get("delta")
                        .get("stop_reason")
                        .asString())
                .isEqualTo("tool_use");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no max_tokens        | {"model":"m","messages":[{"role":"user","content":"hi"}]}                  | max_tokens: Field required
            max_tokens 0         | {"model":"m","max_tokens":0,"messages":[{"role":"user","content":"hi"}]}   | max_tokens
            no model             | {"max_tokens":5,"messages":[{"role":"user","content":"hi"}]}               | model: Field required
            no messages          | {"model":"m","max_tokens":5}                                               | messages: Field required
            empty messages       | {"model":"m","max_tokens":5,"messages":[]}                                 | at least one message
            system role          | {"model":"m","max_tokens":5,"messages":[{"role":"system","content":"x"}]}  | messages.0.role
            numeric content      | {"model":"m","max_tokens":5,"messages":[{"role":"user","content":5}]}      | messages.0.content
            not JSON             | {"model":                                                                  | parsing the body
            unanswered tool_use  | {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"t","input":{}}]},{"role":"user","content":"go on"}]} | messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1
            tool_use at the end  | {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"t","input":{}}]}]} | toolu_1
            orphan tool_result   | {"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_9","content":"x"}]}]} | messages.0.content: unexpected `tool_use_id` found in `tool_result` blocks: toolu_9
            tool_result too late | {"model":"m","max_tokens":5,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"t","input":{}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"x"}]},{"role":"assistant","content":"ok"},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"x"}]}]} | messages.4.content: unexpected
            """)
    void refusesInvalidRequestsLikeTheRealApi(String name, String body, String message) throws Exception {
        server.enqueue(FakeReply.text("kept for the next valid request"));

        HttpResponse<String> response = send(body);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Wire.json(response.body());
        assertThat(error.get("type").asString()).isEqualTo("error");
        assertThat(error.get("error").get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.get("error").get("message").asString()).contains(message);
        assertThat(Wire.json(send(HELLO).body())
                        .get("content")
                        .get(0)
                        .get("text")
                        .asString())
                .isEqualTo("kept for the next valid request");
    }

    @Test
    void requiresTheVersionHeader() throws Exception {
        HttpResponse<String> response = Wire.post(server.baseUrl() + "/v1/messages", HELLO);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Wire.json(response.body()).get("error").get("message").asString())
                .isEqualTo("anthropic-version: header is required");
    }

    @Test
    void readsAToolRoundTripAndTheRestOfTheRequest() throws Exception {
        String body = """
                {"model":"claude-test","max_tokens":100,
                 "system":[{"type":"text","text":"Be brief."},{"type":"text","text":"Be kind."}],
                 "tools":[{"name":"read_file","input_schema":{"type":"object"}},{"name":"list","input_schema":{"type":"object"}}],
                 "messages":[
                  {"role":"user","content":[{"type":"text","text":"read a.txt"}]},
                  {"role":"assistant","content":[{"type":"text","text":"Reading."},
                     {"type":"tool_use","id":"toolu_1","name":"read_file","input":{"path":"a.txt"}},
                     {"type":"tool_use","id":"toolu_2","name":"list","input":{}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"file body"},
                     {"type":"tool_result","tool_use_id":"toolu_2","content":[{"type":"text","text":"no such dir"}],"is_error":true},
                     {"type":"text","text":"and now?"}]}]}""";

        assertThat(send(body).statusCode()).isEqualTo(200);

        SeenRequest seen = server.lastRequest();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.path()).isEqualTo("/v1/messages");
        assertThat(seen.header("Anthropic-Version")).isEqualTo("2023-06-01");
        assertThat(seen.headers()).containsEntry("x-api-key", "sk-test");
        assertThat(seen.stream()).isFalse();
        assertThat(seen.system()).isEqualTo("Be brief.\nBe kind.");
        assertThat(seen.toolNames()).containsExactly("read_file", "list");
        assertThat(seen.body().get("model").asString()).isEqualTo("claude-test");
        assertThat(seen.messages())
                .containsExactly(
                        new SeenMessage("user", "read a.txt", List.of(), List.of()),
                        new SeenMessage(
                                "assistant",
                                "Reading.",
                                List.of(
                                        new FakeToolCall("toolu_1", "read_file", "{\"path\":\"a.txt\"}"),
                                        new FakeToolCall("toolu_2", "list", "{}")),
                                List.of()),
                        new SeenMessage(
                                "user",
                                "and now?",
                                List.of(),
                                List.of(
                                        new SeenToolResult("toolu_1", "file body", false),
                                        new SeenToolResult("toolu_2", "no such dir", true))));
        assertThat(seen.lastUserText()).isEqualTo("and now?");
    }

    @Test
    void requiresTheApiKeyOnceAsked() throws Exception {
        server.requireApiKey("sk-right");
        String url = server.baseUrl() + "/v1/messages";

        HttpResponse<String> missing = Wire.post(url, HELLO, "anthropic-version", "2023-06-01");
        HttpResponse<String> wrong = Wire.post(url, HELLO, "anthropic-version", "2023-06-01", "x-api-key", "sk-wrong");
        HttpResponse<String> right = Wire.post(url, HELLO, "anthropic-version", "2023-06-01", "x-api-key", "sk-right");
        HttpResponse<String> bearer =
                Wire.post(url, HELLO, "anthropic-version", "2023-06-01", "authorization", "Bearer sk-right");

        for (HttpResponse<String> refused : List.of(missing, wrong)) {
            assertThat(refused.statusCode()).isEqualTo(401);
            JsonNode error = Wire.json(refused.body());
            assertThat(error.get("type").asString()).isEqualTo("error");
            assertThat(error.get("error").get("type").asString()).isEqualTo("authentication_error");
        }
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(bearer.statusCode()).isEqualTo(200);
    }

    @Test
    void sendsHttpErrorsInTheApiErrorFormat() throws Exception {
        server.enqueue(FakeReply.error(429, "rate_limit_error", "Number of requests has exceeded your rate limit")
                .withHeader("retry-after", "7"));

        HttpResponse<String> response = send(HELLO);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("7");
        assertThat(response.body())
                .isEqualTo("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                        + "\"message\":\"Number of requests has exceeded your rate limit\"}}");
        assertThat(send(HELLO).statusCode()).as("an error uses up its reply").isEqualTo(200);
    }

    @Test
    void answersOtherPathsWithNotFoundAndRecordsThem() throws Exception {
        HttpResponse<String> response = send("/v1/complete", HELLO);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Wire.json(response.body()).get("error").get("type").asString())
                .isEqualTo("not_found_error");
        assertThat(server.requests()).extracting(SeenRequest::path).containsExactly("/v1/complete");
    }

    @Test
    void saysSoWhenAQueuedToolCallCannotBeExpressed() throws Exception {
        server.enqueue(FakeReply.toolCall("t", "[1,2]"));

        HttpResponse<String> response = send(HELLO);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("api_error", "tool_use input must be a JSON object");
    }
}
