package dev.marble.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The fake Messages API with Anthropic's server tools: the tool definitions it accepts, the blocks it answers. */
class FakeAnthropicServerToolsTest {

    private static final String SEARCH = "{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":3,"
            + "\"allowed_domains\":[\"example.org\"]}";
    private static final String RESULTS = "[{\"type\":\"web_search_result\",\"url\":\"https://example.org/a\","
            + "\"title\":\"A\",\"encrypted_content\":\"abc\",\"page_age\":null}]";

    private FakeAnthropicServer server;

    @BeforeEach
    void start() {
        server = FakeAnthropicServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String body(String tools, boolean stream) {
        return "{\"model\":\"claude-test\",\"max_tokens\":100," + (stream ? "\"stream\":true," : "")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"search\"}],\"tools\":[" + tools + "]}";
    }

    private HttpResponse<String> send(String body, String... beta) throws Exception {
        List<String> headers = new java.util.ArrayList<>(List.of("anthropic-version", "2023-06-01", "x-api-key", "k"));
        if (beta.length > 0) headers.addAll(List.of("anthropic-beta", beta[0]));
        return Wire.post(server.baseUrl() + "/v1/messages", body, headers.toArray(String[]::new));
    }

    private static FakeReply.Answer searched() {
        return FakeReply.text("Found A.")
                .withServerTool(new FakeServerToolUse(
                        "srvtoolu_01", "web_search", "{\"query\":\"a\"}", "web_search_tool_result", RESULTS));
    }

    @Test
    void answersAServerToolsUseAndItsResultBeforeTheText() throws Exception {
        server.enqueue(searched());

        HttpResponse<String> response = send(body(SEARCH, false));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode content = Wire.json(response.body()).get("content");
        assertThat(content).hasSize(3);
        assertThat(content.get(0).toString())
                .isEqualTo("{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_01\",\"name\":\"web_search\","
                        + "\"input\":{\"query\":\"a\"}}");
        assertThat(content.get(1).get("type").asString()).isEqualTo("web_search_tool_result");
        assertThat(content.get(1).get("tool_use_id").asString()).isEqualTo("srvtoolu_01");
        assertThat(content.get(1).get("content").toString()).isEqualTo(RESULTS);
        assertThat(content.get(2).get("text").asString()).isEqualTo("Found A.");
        assertThat(Wire.json(response.body()).get("stop_reason").asString()).isEqualTo("end_turn");
    }

    @Test
    void streamsTheUseAsInputFragmentsAndTheResultWholeInItsStart() throws Exception {
        server.enqueue(searched());

        String stream = send(body(SEARCH, true)).body();

        assertThat(stream)
                .contains("\"content_block\":{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_01\","
                        + "\"name\":\"web_search\",\"input\":{}}")
                .contains("\"type\":\"input_json_delta\"")
                .contains("\"content_block\":{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_01\","
                        + "\"content\":" + RESULTS + "}");
        assertThat(stream.indexOf("web_search_tool_result")).isLessThan(stream.indexOf("\"type\":\"text\""));
    }

    private static String followUp(String assistantContent) {
        return "{\"model\":\"claude-test\",\"max_tokens\":100,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"search\"},"
                + "{\"role\":\"assistant\",\"content\":" + assistantContent + "}],\"tools\":[" + SEARCH + "]}";
    }

    @Test
    void takesItsOwnServerBlocksBackAndRefusesThemChangedUnknownOrOutOfPlace() throws Exception {
        server.enqueue(searched().paused(), FakeReply.text("Done."), FakeReply.text("unused"));
        HttpResponse<String> paused = send(body(SEARCH, false));
        assertThat(Wire.json(paused.body()).get("stop_reason").asString()).isEqualTo("pause_turn");
        String content = Wire.json(paused.body()).get("content").toString();

        assertThat(send(followUp(content)).statusCode()).isEqualTo(200);

        String changed = content.replace("\"encrypted_content\":\"abc\"", "\"encrypted_content\":\"abd\"");
        assertThat(problem(send(followUp(changed)))).contains("differs from the one the API sent");
        String unknown = content.replace("srvtoolu_01", "srvtoolu_99");
        assertThat(problem(send(followUp(unknown)))).contains("was not sent by this API");
        JsonNode blocks = Wire.json(content);
        String resultFirst = "[" + blocks.get(1) + "," + blocks.get(0) + "]";
        assertThat(problem(send(followUp(resultFirst)))).contains("has no `server_tool_use` block before it");
        String inUserMessage = "{\"model\":\"claude-test\",\"max_tokens\":100,\"messages\":["
                + "{\"role\":\"user\",\"content\":[" + blocks.get(0) + "]}]}";
        assertThat(problem(send(inUserMessage))).contains("only allowed in assistant messages");
    }

    @Test
    void aPendingUseHasNoResultBlock() throws Exception {
        server.enqueue(FakeReply.text("Searching.")
                .withServerTool(FakeServerToolUse.pending("srvtoolu_07", "web_search", "{\"query\":\"b\"}"))
                .paused());

        JsonNode content = Wire.json(send(body(SEARCH, false)).body()).get("content");

        assertThat(content).hasSize(2);
        assertThat(content.get(0).get("id").asString()).isEqualTo("srvtoolu_07");
        assertThat(content.get(1).get("type").asString()).isEqualTo("text");
    }

    private static String problem(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return Wire.json(response.body()).get("error").get("message").asString();
    }

    @Test
    void acceptsTheNewerToolsWithTheirBetaHeaders() throws Exception {
        String fetch = "{\"type\":\"web_fetch_20250910\",\"name\":\"web_fetch\",\"max_uses\":2}";
        String code = "{\"type\":\"code_execution_20250825\",\"name\":\"code_execution\"}";

        assertThat(send(body(fetch + "," + code, false), "web-fetch-2025-09-10,code-execution-2025-08-25")
                        .statusCode())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"type\":\"web_fetch_20250910\",\"name\":\"web_fetch\"}|requires the beta header anthropic-beta: web-fetch-2025-09-10",
                "{\"type\":\"code_execution_20250825\",\"name\":\"code_execution\"}|requires the beta header",
                "{\"type\":\"web_search_20250305\",\"name\":\"search\"}|tools.0.web_search_20250305.name: Input should be 'web_search'",
                "{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":0}|max_uses: Input should be greater than 0",
                "{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"allowed_domains\":[\"a\"],\"blocked_domains\":[\"b\"]}|Cannot specify both",
                "{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"domains\":[\"a\"]}|tools.0.web_search_20250305.domains: Extra inputs are not permitted",
                "{\"type\":\"image_generation\",\"name\":\"image_generation\"}|Input tag 'image_generation' found using 'type'",
                "{\"name\":\"read_file\"}|tools.0.custom.input_schema: Field required"
            })
    void refusesWhatTheRealApiRefuses(String tool, String problem) throws Exception {
        HttpResponse<String> response = send(body(tool, false));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Wire.json(response.body()).get("error");
        assertThat(error.get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asString()).contains(problem);
    }
}
