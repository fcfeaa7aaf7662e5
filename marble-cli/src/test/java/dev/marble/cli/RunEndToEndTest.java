package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.json.Json;
import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeModelServer;
import dev.marble.testkit.FakeOpenAiServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenMessage;
import dev.marble.testkit.SeenRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * marble run, in-process, against the fake OpenAI and Anthropic servers over real HTTP on loopback: the agents'
 * requests are checked where they arrive (model, system prompt, tools offered, tool results), not only the output.
 * Each agent is told apart by the instructions its requests carry.
 */
class RunEndToEndTest {

    private static final String OPENAI_KEY = "sk-proj-E2ESECRETOPENAI0123456789";
    private static final String ANTHROPIC_KEY = "sk-ant-api03-E2ESECRETANTHROPIC0123";

    @TempDir
    Path temp;

    private CliRunner cli;
    private final FakeOpenAiServer openAi = FakeOpenAiServer.start();
    private final FakeAnthropicServer anthropic = FakeAnthropicServer.start();
    private final Map<String, Function<SeenRequest, FakeReply>> scripts = new ConcurrentHashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.stdin("");
        cli.env("OPENAI_BASE_URL", openAi.baseUrl()).env("OPENAI_API_KEY", OPENAI_KEY);
        cli.env("ANTHROPIC_BASE_URL", anthropic.baseUrl()).env("ANTHROPIC_API_KEY", ANTHROPIC_KEY);
        openAi.requireApiKey(OPENAI_KEY).respondWith(this::answer);
        anthropic.requireApiKey(ANTHROPIC_KEY).respondWith(this::answer);
    }

    @AfterEach
    void stop() {
        openAi.close();
        anthropic.close();
    }

    /** The reply of the agent whose instructions open the request's system prompt. */
    private FakeReply answer(SeenRequest request) {
        String system = request.system() == null ? "" : request.system();
        return scripts.entrySet().stream()
                .filter(e -> system.startsWith(e.getKey()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no agent has the instructions " + system))
                .getValue()
                .apply(request);
    }

    private static boolean answered(SeenRequest request) {
        return !request.messages().getLast().toolResults().isEmpty();
    }

    private static String toolResult(SeenRequest request) {
        return request.messages().getLast().toolResults().getFirst().content();
    }

    private static String model(SeenRequest request) {
        return request.body().path("model").asString();
    }

    private void worker(String file, String frontMatter, String instructions) throws IOException {
        cli.write(file, "---\n" + frontMatter + "---\n" + instructions + "\n");
    }

    /** main asks helper (with an attached text file) and answers with what helper said. */
    private void mainCallsHelper(String mainModel, String helperModel) throws IOException {
        scripts.put(
                "You coordinate.",
                request -> answered(request)
                        ? FakeReply.text("The helper says: " + toolResult(request))
                        : FakeReply.toolCall(
                                "helper", "{\"input\": \"Summarise the notes\", \"attachments\": [\"notes.txt\"]}"));
        scripts.put(
                "You summarise.",
                request -> FakeReply.text(
                        request.lastUserText().contains("The launch is on Tuesday.")
                                ? "launch on Tuesday"
                                : "no notes reached me"));
        cli.write("notes.txt", "The launch is on Tuesday.\n");
        worker("main.worker", "name: main\nmodel: " + mainModel + "\ntoolsets:\n  helper: {}\n", "You coordinate.");
        worker(
                "helper.worker",
                "name: helper\n" + (helperModel == null ? "" : "model: " + helperModel + "\n"),
                "You summarise.");
    }

    private static void assertTheCallsOfMainAndHelper(FakeModelServer server, String mainModel, String helperModel) {
        List<SeenRequest> requests = server.requests();
        assertThat(requests).hasSize(3);
        SeenRequest first = requests.get(0);
        SeenRequest child = requests.get(1);
        SeenRequest last = requests.get(2);

        assertThat(model(first)).isEqualTo(mainModel);
        assertThat(first.system()).isEqualTo("You coordinate.");
        assertThat(first.toolNames()).containsExactly("helper");
        assertThat(first.lastUserText()).isEqualTo("Summarise the project notes");

        assertThat(model(child)).isEqualTo(helperModel);
        assertThat(child.system()).isEqualTo("You summarise.");
        assertThat(child.toolNames()).isEmpty();
        assertThat(child.messages())
                .singleElement()
                .extracting(SeenMessage::role)
                .isEqualTo("user");
        assertThat(child.lastUserText())
                .startsWith("Summarise the notes")
                .contains("<attachments>")
                .contains("<file path=\"notes.txt\">")
                .contains("The launch is on Tuesday.");

        assertThat(model(last)).isEqualTo(mainModel);
        assertThat(last.system()).isEqualTo("You coordinate.");
        assertThat(toolResult(last)).isEqualTo("launch on Tuesday");
    }

    @Test
    void aWorkerCallsAWorkerOnTheOpenAiServer() throws IOException {
        mainCallsHelper("openai:gpt-4.1-mini", "openai:gpt-4.1");
        var result = cli.run("run", "main.worker", "helper.worker", "Summarise the project notes");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("The helper says: launch on Tuesday\n");
        assertTheCallsOfMainAndHelper(openAi, "gpt-4.1-mini", "gpt-4.1");
        assertThat(openAi.requests())
                .allSatisfy(r -> assertThat(r.header("authorization")).isEqualTo("Bearer " + OPENAI_KEY));
        assertThat(anthropic.requestCount()).isZero();

        // the journal holds the tree, with the child's own model and the prices of both
        List<JsonNode> runs = cli.run("logs", "--runs", "--json")
                .out()
                .lines()
                .map(Json::parse)
                .toList();
        assertThat(runs)
                .extracting(r -> r.path("agent").asString() + "@"
                        + r.path("model").asString() + "/" + r.path("depth").asInt())
                .containsExactly("main@openai:gpt-4.1-mini/0", "helper@openai:gpt-4.1/1");
        assertThat(runs.get(0).path("cost_usd").asDouble())
                .isGreaterThan(runs.get(1).path("cost_usd").asDouble())
                .isPositive();
    }

    @Test
    void aWorkerCallsAWorkerOnTheAnthropicServerWhichInheritsItsModel() throws IOException {
        mainCallsHelper("anthropic:claude-haiku-4-5", null);
        var result = cli.run("run", "main.worker", "helper.worker", "Summarise the project notes");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("The helper says: launch on Tuesday\n");
        assertTheCallsOfMainAndHelper(anthropic, "claude-haiku-4-5", "claude-haiku-4-5");
        assertThat(anthropic.requests())
                .allSatisfy(r -> assertThat(r.header("x-api-key")).isEqualTo(ANTHROPIC_KEY));
        assertThat(openAi.requestCount()).isZero();
    }

    @Test
    void anLlmprocProgramSpawnsItsLinkedProgramWhosePreloadReachesTheServer() throws IOException {
        cli.write("notes/secret.md", "The secret flag is FLAG-7731.\n");
        cli.write("main.toml", """
                [model]
                name = "claude-haiku-4-5"
                provider = "anthropic"

                [prompt]
                system_prompt = "You answer, asking the expert."

                [parameters]
                max_tokens = 500
                temperature = 0.2

                [tools]
                enabled = ["spawn"]

                [linked_programs]
                expert = { path = "expert.toml", description = "knows the notes" }
                """);
        cli.write("expert.toml", """
                [model]
                name = "claude-sonnet-4-5"
                provider = "anthropic"

                [prompt]
                system_prompt = "You know the notes."

                [preload]
                files = ["notes/secret.md"]
                """);
        scripts.put(
                "You answer, asking the expert.",
                request -> answered(request)
                        ? FakeReply.text("The expert says: " + toolResult(request))
                        : FakeReply.toolCall(
                                "spawn", "{\"program_name\": \"expert\", \"query\": \"What is the flag?\"}"));
        scripts.put(
                "You know the notes.",
                request -> FakeReply.text(
                        request.system().contains("FLAG-7731")
                                ? "the flag is FLAG-7731"
                                : "I was not given the notes"));

        var result = cli.run("run", "--entry", "main", "main.toml", "What", "is", "the", "flag?");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("The expert says: the flag is FLAG-7731\n");
        List<SeenRequest> requests = anthropic.requests();
        assertThat(requests).hasSize(3);

        SeenRequest first = requests.get(0);
        assertThat(model(first)).isEqualTo("claude-haiku-4-5");
        assertThat(first.system()).isEqualTo("You answer, asking the expert.");
        assertThat(first.body().path("max_tokens").asInt()).isEqualTo(500);
        assertThat(first.body().path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(first.toolNames()).containsExactly("spawn");
        JsonNode spawn = first.body().path("tools").get(0);
        assertThat(spawn.path("description").asString()).contains("expert").contains("knows the notes");
        assertThat(spawn.path("input_schema").path("required"))
                .extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("program_name", "query");

        SeenRequest expert = requests.get(1);
        assertThat(model(expert)).isEqualTo("claude-sonnet-4-5");
        assertThat(expert.system())
                .startsWith("You know the notes.\n\n<preload>")
                .contains("<file path=\"secret.md\">\nThe secret flag is FLAG-7731.");
        assertThat(expert.toolNames()).isEmpty();
        assertThat(expert.lastUserText()).isEqualTo("What is the flag?");

        assertThat(toolResult(requests.get(2))).isEqualTo("the flag is FLAG-7731");
    }

    @Test
    void jsonPutsEveryEventOnStandardOutputTheAnswerInTheLast() throws IOException {
        mainCallsHelper("openai:gpt-4.1-mini", null);
        var result = cli.run("run", "--json", "main.worker", "helper.worker", "Summarise the project notes");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
        List<JsonNode> events = result.out().lines().map(Json::parse).toList();

        List<JsonNode> started = events.stream()
                .filter(e -> e.path("type").asString().equals("run_started"))
                .toList();
        assertThat(started).hasSize(2);
        String mainRun = started.get(0).path("run_id").asString();
        assertThat(started.get(0).path("goal").asString()).isEqualTo("Summarise the project notes");
        assertThat(started.get(1).path("kind").asString()).isEqualTo("delegate");
        assertThat(started.get(1).path("parent_run_id").asString()).isEqualTo(mainRun);
        assertThat(started.get(1).path("model").asString()).isEqualTo("openai:gpt-4.1-mini");

        assertThat(events).anySatisfy(e -> {
            assertThat(e.path("type").asString()).isEqualTo("tool_returned");
            assertThat(e.path("run_id").asString()).isEqualTo(mainRun);
            assertThat(e.path("content").asString()).isEqualTo("launch on Tuesday");
        });
        List<JsonNode> finished = events.stream()
                .filter(e -> e.path("type").asString().equals("run_finished"))
                .toList();
        assertThat(finished).hasSize(2);
        assertThat(finished.getLast().path("run_id").asString()).isEqualTo(mainRun);
        assertThat(events.getLast()).isEqualTo(finished.getLast());
        assertThat(events.getLast().path("answer").asString()).isEqualTo("The helper says: launch on Tuesday");
        assertThat(result.out()).doesNotContain(OPENAI_KEY);
    }

    @Test
    void aServerThatFailsEndsTheRunWithExitOneAndOneLineWithoutTheKey() throws IOException {
        cli.write("marble.json", "{\"retry\": {\"max_attempts\": 2, \"initial_delay_ms\": 0, \"max_delay_ms\": 0}}");
        mainCallsHelper("openai:gpt-4.1-mini", null);
        openAi.respondWith(request -> FakeReply.error(500, "server_error", "The server had an error"));

        var outage = cli.run("run", "main.worker", "helper.worker", "Summarise the project notes");

        assertThat(outage.exit()).isEqualTo(ExitCodes.MODEL_FAILED);
        assertThat(outage.out()).isEmpty();
        assertThat(outage.err().strip().lines()).singleElement().asString().contains("500");
        assertThat(outage.out() + outage.err()).doesNotContain(OPENAI_KEY);
        assertThat(openAi.requests()).hasSize(2); // two attempts, as marble.json says

        openAi.respondWith(this::answer);
        cli.env("OPENAI_API_KEY", "sk-proj-WRONGKEY000000000000000");
        var refused = cli.run("run", "main.worker", "helper.worker", "Summarise the project notes");

        assertThat(refused.exit()).isEqualTo(ExitCodes.MODEL_FAILED);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err().strip().lines()).singleElement().asString().contains("401");
        assertThat(refused.out() + refused.err()).doesNotContain("WRONGKEY").doesNotContain(OPENAI_KEY);
        assertThat(openAi.requests()).hasSize(3); // a 401 is not retried
    }

    private static final String SEARCH_RESULTS = "[{\"type\":\"web_search_result\",\"url\":\"https://example.org/a\","
            + "\"title\":\"A\",\"encrypted_content\":\"abc\",\"page_age\":null}]";

    private void searcher(String model) throws IOException {
        scripts.put(
                "You search.",
                request -> FakeReply.text("A is at example.org/a.")
                        .withServerTool(new dev.marble.testkit.FakeServerToolUse(
                                "srvtoolu_01",
                                "web_search",
                                "{\"query\":\"where is A\"}",
                                "web_search_tool_result",
                                SEARCH_RESULTS)));
        worker(
                "search.worker",
                "name: search\nmodel: " + model + "\nserver_side_tools:\n"
                        + "  - {tool_type: web_search, max_uses: 2, blocked_domains: [spam.example]}\n",
                "You search.");
    }

    @Test
    void aWorkersServerSideToolsGoToAnthropicAndTheirUseIsShownAsEvents() throws IOException {
        searcher("anthropic:claude-haiku-4-5");

        var marbleJson = cli.run("run", "--json", "search.worker", "Where is A?");

        assertThat(marbleJson.exit()).as(marbleJson.err()).isZero();
        assertThat(Json.write(anthropic.lastRequest().body().path("tools")))
                .isEqualTo("[{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"max_uses\":2,"
                        + "\"blocked_domains\":[\"spam.example\"]}]");
        List<JsonNode> events = marbleJson.out().lines().map(Json::parse).toList();
        JsonNode called = events.stream()
                .filter(e -> e.path("type").asString().equals("tool_called"))
                .findFirst()
                .orElseThrow();
        assertThat(called.path("tool").asString()).isEqualTo("web_search");
        assertThat(called.path("source").asString()).isEqualTo("server");
        assertThat(called.path("arguments").path("query").asString()).isEqualTo("where is A");
        JsonNode returned = events.stream()
                .filter(e -> e.path("type").asString().equals("tool_returned"))
                .findFirst()
                .orElseThrow();
        assertThat(returned.path("content").asString()).contains("https://example.org/a");
        assertThat(events.getLast().path("answer").asString()).isEqualTo("A is at example.org/a.");

        var llmDo = cli.run("run", "--json-format", "llm-do", "search.worker", "Where is A?");
        assertThat(llmDo.exit()).as(llmDo.err()).isZero();
        assertThat(llmDo.out()).isEqualTo("A is at example.org/a.\n");
        assertThat(llmDo.err())
                .contains("{\"type\":\"tool_call\",\"worker\":\"search\",\"tool_name\":\"web_search\","
                        + "\"tool_call_id\":\"srvtoolu_01\",\"args\":{\"query\":\"where is A\"}}")
                .contains("{\"type\":\"tool_result\",\"worker\":\"search\",\"tool_name\":\"web_search\","
                        + "\"tool_call_id\":\"srvtoolu_01\",\"content\":" + SEARCH_RESULTS + ",\"is_error\":false}");

        var verbose = cli.run("run", "-v", "search.worker", "Where is A?");
        assertThat(verbose.err()).contains("web_search");
    }

    @Test
    void aProviderThatCannotRunServerSideToolsRefusesTheRunInOneLine() throws IOException {
        searcher("openai:gpt-4.1-mini");

        var result = cli.run("run", "search.worker", "Where is A?");

        assertThat(result.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(result.err())
                .isEqualTo("marble: error: server_side_tools: web_search cannot run on openai:gpt-4.1-mini (provider"
                        + " type openai); only Anthropic's API runs server tools (web_search, web_fetch,"
                        + " code_execution): use an anthropic: model or remove them from the worker\n");
        assertThat(openAi.requests()).as("nothing was sent").isEmpty();
    }
}
