package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.chain.state.Progress;
import dev.marble.chain.state.ProgressFile;
import dev.marble.chain.state.StateDir;
import dev.marble.config.Version;
import dev.marble.json.Json;
import dev.marble.json.JsonSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every {@code --json} output of every command, as the real command tree prints it: standard output holds JSON and
 * nothing else, every field name is snake_case, and every document or line fits its schema in docs/schemas/ (the
 * schemas the docs point users to, so a field renamed in code and not in the docs fails here).
 */
class JsonOutputTest {

    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    /** Fields whose whole value is data with keys of its own: a tool's arguments and schema, a request, a setting. */
    private static final Set<String> DATA_VALUES =
            Set.of("arguments", "input_schema", "request", "response", "value", "default");
    /** Objects keyed by names users or the system choose (config keys, variable names, aliases); their values are ours.
     * */
    private static final Set<String> DATA_KEYED = Set.of("settings", "environment", "aliases");

    @TempDir
    Path temp;

    private CliRunner cli;
    private final Set<String> eventTypes = new TreeSet<>();

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.write("marble.json", """
                {
                  "retry": {"max_attempts": 2, "initial_delay_ms": 0, "max_delay_ms": 0},
                  "aliases": {"fast": "scripted:answer.yaml"}
                }
                """);
        cli.write("write.yaml", """
                - {error: rate_limited, message: slow down}
                - text: Writing the note.
                  tool_calls: [{name: write_file, arguments: {path: notes/a.txt, content: "a\\n"}}]
                  usage: {input_tokens: 120, output_tokens: 30}
                - text: "Wrote it. TASK_COMPLETE"
                """);
        cli.write("answer.yaml", "- {text: Hello., usage: {input_tokens: 12, output_tokens: 3}}\n");
        cli.write(
                "down.yaml", "- {error: server_error, message: down}\n- {error: server_error, message: still down}\n");
        cli.write("main.yaml", """
                - tool_calls: [{name: helper, arguments: {input: "Say hi"}}]
                - text: hi from the helper
                - text: "The helper said hi"
                """);
        cli.write(
                "main.worker",
                "---\nname: main\nmodel: scripted:main.yaml\ntoolsets:\n  helper: {}\n---\nAsk the helper.\n");
        cli.write("helper.worker", "---\nname: helper\n---\nYou greet.\n");
        cli.write("links.yaml", "- text: \"## Task: notes\\n## Status: done\"\n");
        cli.write("chains/c.json", """
                {"max_rounds": 1, "description": "One pass", "defaults": {"model": "scripted:links.yaml"},
                 "links": [{"name": "worker", "prompt": "Do the work."}]}
                """);
        cli.write("chains/broken.json", "{\"links\": 3}\n");
        Path pulled = cli.home().resolve(".cache/marble/models/owner/repo/tiny.gguf");
        Files.createDirectories(pulled.getParent());
        Files.write(pulled, new byte[] {'G', 'G', 'U', 'F'});
    }

    @Test
    void eventStreamsOfLoopRunAndChainStartAreSnakeCaseEventsOnStandardOutput() {
        var loop = cli.run("loop", "--json", "--approve-all", "-m", "scripted:write.yaml", "Write a note");
        assertThat(loop.exit()).as(loop.err()).isZero();
        events(loop.out());
        assertThat(loop.err()).isEmpty();

        var run = cli.run("run", "--json", "main.worker", "helper.worker", "Greet me");
        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> runEvents = events(run.out());
        assertThat(runEvents.getLast().path("type").asString()).isEqualTo("run_finished");
        assertThat(runEvents.getLast().path("answer").asString()).isEqualTo("The helper said hi");

        var failed = cli.run("loop", "--json", "--headless", "-m", "scripted:down.yaml", "Go");
        assertThat(failed.exit()).isEqualTo(ExitCodes.MODEL_FAILED);
        events(failed.out());

        var chain = cli.run("chain", "start", "--json", "c");
        assertThat(chain.exit()).as(chain.err()).isZero();
        events(chain.out());

        // Every type the docs list has been checked against real output here.
        assertThat(eventTypes)
                .containsExactlyInAnyOrder(
                        "run_started",
                        "turn_started",
                        "model_call_finished",
                        "model_call_failed",
                        "attempt_failed",
                        "text_delta",
                        "tool_called",
                        "approval_requested",
                        "approval_decided",
                        "tool_returned",
                        "link_started",
                        "link_finished",
                        "chain_note",
                        "run_finished");
        assertThat(eventTypes).containsExactlyInAnyOrderElementsOf(documentedTypes());
    }

    @Test
    void aProgramsJsonIsLlmProcsOneObjectAndFitsItsSchema() throws IOException {
        cli.write("hello.toml", "[model]\nname = \"answer.yaml\"\nprovider = \"scripted\"\n");

        var plain = cli.run("run", "--json", "hello.toml", "-p", "hi");
        var limited = cli.run("run", "--json", "--cost-limit", "0.5", "hello.toml", "-p", "hi");
        var failed = cli.run("run", "--json", "-m", "scripted:down.yaml", "hello.toml", "-p", "hi");

        assertThat(plain.exit()).as(plain.err()).isZero();
        JsonNode object = document(plain.out(), "llmproc-run.schema.json");
        assertThat(object.path("last_message").asString()).isEqualTo("Hello.");
        assertThat(document(limited.out(), "llmproc-run.schema.json")
                        .path("cost_limit")
                        .decimalValue())
                .isEqualByComparingTo("0.5");
        assertThat(failed.exit()).isEqualTo(ExitCodes.MODEL_FAILED);
        assertThat(document(failed.out(), "llmproc-run.schema.json")
                        .path("stop_reason")
                        .asString())
                .isEqualTo("model_failed");
    }

    @Test
    void pipeAnswersAndFailuresFitTheirSchema() {
        var answer = cli.run("pipe", "--json", "-m", "fast", "hi");
        assertThat(answer.exit()).as(answer.err()).isZero();
        document(answer.out(), "pipe.schema.json");
        assertThat(Json.parse(answer.out()).path("usage").path("input_tokens").asLong())
                .isEqualTo(12);

        var failure = cli.run("pipe", "--json", "-m", "scripted:down.yaml", "hi");
        assertThat(failure.exit()).isEqualTo(ExitCodes.MODEL_FAILED);
        document(failure.out(), "pipe.schema.json");
    }

    @Test
    void chainStatusListAndBackgroundStartFitTheirSchemas() throws Exception {
        JsonNode never = document(cli.run("chain", "status", "--json", "c").out(), "chain-status.schema.json");
        assertThat(never.path("started").asBoolean()).isFalse();
        assertThat(never.path("status").isNull()).isTrue();

        assertThat(cli.run("chain", "start", "c").exit()).isZero();
        JsonNode one = document(cli.run("chain", "status", "--json", "c").out(), "chain-status.schema.json");
        assertThat(one.path("status").asString()).isEqualTo("STOPPED"); // max_rounds reached
        assertThat(one.path("round").asInt()).isEqualTo(1);
        assertThat(one.path("running").asBoolean()).isFalse();
        JsonNode all = document(cli.run("chain", "status", "--json").out(), "chain-status.schema.json");
        assertThat(all.isArray()).isTrue();

        JsonNode list = document(cli.run("chain", "list", "--json").out(), "chain-list.schema.json");
        assertThat(list).extracting(c -> c.path("name").asString()).containsExactly("broken", "c");
        assertThat(list.get(0).path("error").asString()).isNotEmpty();
        assertThat(list.get(1).path("links").asInt()).isEqualTo(1);

        var background = cli.run("chain", "start", "--bg", "--json", "--reset", "c");
        assertThat(background.exit()).as(background.err()).isZero();
        JsonNode started = document(background.out(), "chain-start-bg.schema.json");
        ProcessHandle.of(started.path("pid").asLong())
                .ifPresent(process ->
                        process.onExit().orTimeout(60, TimeUnit.SECONDS).join());
        assertThat(Path.of(started.path("log").asString())).exists();
    }

    @Test
    void statusListsEveryChainOfTheProjectWithTheVersionAndFitsItsSchema() throws IOException {
        JsonNode before = document(cli.run("status", "--json").out(), "status.schema.json");
        assertThat(before.path("version").asString()).isEqualTo(Version.VERSION);
        assertThat(before.path("chains"))
                .extracting(c -> c.path("name").asString())
                .containsExactly("broken", "c");
        assertThat(before.path("chains").get(1).path("started").asBoolean()).isFalse();
        assertThat(before.path("chains").get(1).path("round").isNull()).isTrue();
        assertThat(before.path("chains").get(0).path("chain_file_error").asString())
                .startsWith("the chain file does not load");

        assertThat(cli.run("chain", "start", "c").exit()).isZero();
        Files.createDirectories(cli.project().resolve("state/gone"));
        JsonNode after = document(cli.run("status", "--json").out(), "status.schema.json");
        assertThat(after.path("chains"))
                .extracting(c -> c.path("name").asString())
                .as("a chain with state only is a chain of the project too")
                .containsExactly("broken", "c", "gone");
        JsonNode c = after.path("chains").get(1);
        assertThat(c.path("status").asString()).isEqualTo("STOPPED");
        assertThat(c.path("round").asInt()).isEqualTo(1);
        assertThat(c.path("max_rounds").asInt()).isEqualTo(1);
        assertThat(c.path("running").asBoolean()).isFalse();
        assertThat(after.path("chains").get(2).path("chain_file").isNull()).isTrue();
    }

    @Test
    void chainStatusJsonStatesWhatTheTextDoesACrashTheRoundUnderWayTheLastLinkAndTheLastError() throws IOException {
        // What a killed chain leaves: RUNNING, a link in flight, its pid in the lock file, no process holding the lock.
        StateDir state = StateDir.of(cli.project().resolve("state"), "c");
        Files.createDirectories(state.dir());
        state.status("RUNNING");
        new ProgressFile(state)
                .write(new Progress(
                        0, 0, new Progress.InFlight(0, "worker", "run-1", Instant.now()), Map.of(), 0, null, 5400));
        Files.writeString(state.dir().resolve("lock"), "4242\n");
        JsonNode crashed = document(cli.run("chain", "status", "--json", "c").out(), "chain-status.schema.json");
        assertThat(crashed.path("status").asString())
                .as("not RUNNING: nothing runs it")
                .isEqualTo("CRASHED");
        assertThat(crashed.path("crashed").asBoolean()).isTrue();
        assertThat(crashed.path("running").asBoolean()).isFalse();
        assertThat(crashed.path("crashed_pid").asLong()).isEqualTo(4242);
        assertThat(crashed.path("resume_link").asString()).isEqualTo("worker");
        assertThat(crashed.path("resume_round").asInt()).isEqualTo(1);
        assertThat(crashed.path("round").asInt()).as("round 1 is under way").isEqualTo(1);
        assertThat(crashed.path("round_under_way").asBoolean()).isTrue();
        assertThat(crashed.path("runtime_hours").asDouble()).isEqualTo(1.5);
        assertThat(cli.run("chain", "status", "c").out()).contains("CRASHED: pid 4242 is gone");

        cli.write("fails.yaml", "- {error: bad_request, message: \"HTTP 400 the prompt is too long\"}\n");
        cli.write("chains/f.json", """
                {"max_rounds": 2, "max_consecutive_failures": 1, "links": [
                  {"name": "writer", "model": "scripted:links.yaml", "prompt": "Write it."},
                  {"name": "checker", "model": "scripted:fails.yaml", "prompt": "Check it."}]}
                """);
        assertThat(cli.run("chain", "start", "f").exit()).isEqualTo(ExitCode.MODEL_FAILED.code());
        JsonNode failed = document(cli.run("chain", "status", "--json", "f").out(), "chain-status.schema.json");
        assertThat(failed.path("crashed").asBoolean()).isFalse();
        assertThat(failed.path("resume_link").isNull()).isTrue();
        assertThat(failed.path("last_link").asString()).isEqualTo("checker");
        assertThat(failed.path("last_stop").asString()).startsWith("MAX_FAILURES");
        assertThat(failed.path("last_error").asString())
                .startsWith("checker: ")
                .contains("HTTP 400 the prompt is too long");
        JsonNode all = document(cli.run("chain", "status", "--json").out(), "chain-status.schema.json");
        assertThat(all).extracting(chain -> chain.path("name").asString()).containsExactly("c", "f");
    }

    @Test
    void doctorJsonFitsItsSchemaWithOrWithoutTheSandbox() {
        for (String mode : new String[] {"off", "auto"}) {
            var doctor = cli.run("doctor", "--json", "--sandbox", mode);
            assertThat(doctor.exit()).as(doctor.err()).isZero();
            JsonNode report = document(doctor.out(), "doctor.schema.json");
            assertThat(report.path("sandbox").path("mode").asString()).isEqualTo(mode);
        }
        JsonNode off =
                Json.parse(cli.run("doctor", "--json", "--sandbox", "off").out());
        assertThat(off.path("sandbox").path("active").asBoolean()).isFalse();
        assertThat(off.path("sandbox").path("bwrap").isNull())
                .as("null, not left out")
                .isTrue();
        assertThat(off.path("sandbox").path("reason").asString()).isNotBlank();
    }

    @Test
    void quietAndJsonGoWithTheSandboxFlag() {
        var loop = cli.run(
                "loop",
                "--json",
                "-q",
                "--sandbox",
                "off",
                "--approve-all",
                "-m",
                "scripted:write.yaml",
                "Write a note");
        assertThat(loop.exit()).as(loop.err()).isZero();
        events(loop.out());
        var run = cli.run("run", "-q", "--sandbox", "off", "main.worker", "helper.worker", "Greet me");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("The helper said hi\n");
        var chain = cli.run("chain", "start", "--json", "-v", "--sandbox", "off", "c");
        assertThat(chain.exit()).as(chain.err()).isZero();
        events(chain.out());
    }

    @Test
    void configModelsAndToolsFitTheirSchemas() {
        JsonNode config = document(cli.run("config", "--json").out(), "config.schema.json");
        assertThat(config.path("settings")
                        .path("retry.max_attempts")
                        .path("value")
                        .asInt())
                .isEqualTo(2);
        assertThat(config.path("settings").path("default_model").path("value").isNull())
                .as("unset is null")
                .isTrue();
        assertThat(config.path("environment").path("OPENAI_API_KEY").isNull())
                .as("not \"(not set)\"")
                .isTrue();
        document(cli.run("config", "get", "--json", "retry.max_attempts").out(), "config-get.schema.json");

        JsonNode models = document(cli.run("models", "--json").out(), "models.schema.json");
        assertThat(models.path("local_models").path("models"))
                .extracting(m -> m.path("reference").asString())
                .containsExactly("local:owner/repo/tiny.gguf");
        document(cli.run("tools", "--json").out(), "tools.schema.json");
    }

    @Test
    void oauthStatusAndLogoutFitTheirSchemasLoggedInOrNot() throws IOException {
        JsonNode out = document(
                cli.run("oauth", "status", "--provider", "anthropic", "--json").out(), "oauth-status.schema.json");
        assertThat(out.path("logged_in").asBoolean()).isFalse();
        Path file = cli.home().resolve(".config/marble/oauth.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"anthropic": {"access_token": "accessValue0123456789", "refresh_token": "refreshValue0123456789",
                 "expires_at": "2030-01-01T00:00:00Z"}}
                """);
        JsonNode in = document(
                cli.run("oauth", "status", "--provider", "anthropic", "--json").out(), "oauth-status.schema.json");
        assertThat(in.path("logged_in").asBoolean()).isTrue();
        assertThat(in.path("has_refresh_token").asBoolean()).isTrue();
        JsonNode logout = document(
                cli.run("oauth", "logout", "--provider", "anthropic", "--json").out(), "oauth-logout.schema.json");
        assertThat(logout.path("removed").asBoolean()).isTrue();
    }

    @Test
    void logsInEveryFormAreSnakeCaseAndFitTheirSchemas() {
        assertThat(cli.run("loop", "--headless", "--approve-all", "-m", "scripted:write.yaml", "Write")
                        .exit())
                .isZero();
        assertThat(cli.run("run", "main.worker", "helper.worker", "Greet me").exit())
                .isZero();
        cli.run("pipe", "-m", "scripted:down.yaml", "hi");

        List<JsonNode> calls = lines(cli.run("logs", "--json").out(), "logs.schema.json");
        assertThat(calls)
                .anySatisfy(call -> assertThat(call.path("usage").isNull()).isTrue())
                .anySatisfy(call -> assertThat(
                                call.path("usage").path("input_tokens").asLong())
                        .isEqualTo(120));
        List<JsonNode> runs = lines(cli.run("logs", "--runs", "--json").out(), "logs-runs.schema.json");
        String main = runs.stream()
                .filter(r -> r.path("agent").asString().equals("main"))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asString();

        List<String> oneRun =
                cli.run("logs", "--run", main, "--json").out().lines().toList();
        JsonNode tree = document(oneRun.getFirst(), "logs-run.schema.json");
        assertThat(tree.path("children")).hasSize(1);
        events(String.join("\n", oneRun.subList(1, oneRun.size())));
    }

    @Test
    void theSchemasRefuseWhatTheOutputsUsedToBe() {
        // logs --runs --json wrote the journal record's camelCase names; run_finished left an unset answer out.
        JsonNode camelRun = Json.parse("""
                {"id": "r1", "kind": "run", "agent": null, "model": "scripted:a.yaml", "goal": "Go", "parentRunId": null,
                 "startedAt": "2026-01-01T00:00:00Z", "endedAt": null, "ending": null, "detail": null, "turns": null,
                 "inputTokens": null, "outputTokens": null, "costUsd": null, "elapsedMs": null, "depth": 0}""");
        assertThat(JsonSchemas.problems(schema("logs-runs.schema.json"), camelRun))
                .isPresent();
        JsonNode withoutAnswer = Json.parse("""
                {"type": "run_finished", "run_id": "r1", "at": "2026-01-01T00:00:00Z", "ending": "model_failed",
                 "detail": "down", "turns": 1, "elapsed_ms": 5, "cost_usd": null, "cost_source": "unknown",
                 "usage": {"input_tokens": 0, "output_tokens": 0, "cache_read_tokens": 0, "cache_write_tokens": 0}}""");
        assertThat(JsonSchemas.problems(schema("events.schema.json"), withoutAnswer))
                .isPresent();
    }

    /** The event types events.schema.json knows. */
    private static Set<String> documentedTypes() {
        Set<String> types = new TreeSet<>();
        schema("events.schema.json")
                .path("oneOf")
                .forEach(ref -> types.add(ref.path("$ref").asString().replace("#/$defs/", "")));
        return types;
    }

    /** Each line an event that fits events.schema.json; the types seen are kept for the test that wants them all. */
    @Test
    void llmDoFormatPrintsLlmDosEventsOnStandardErrorAndTheAnswerAloneOnStandardOutput() throws IOException {
        String key = "plainAnthropicValue0123456789";
        cli.env("ANTHROPIC_API_KEY", key);
        cli.write("notes.txt", "the key is " + key + "\n");
        cli.write("reader.yaml", """
                - tool_calls: [{name: read_file, arguments: {path: notes.txt}}]
                - tool_calls: [{name: write_file, arguments: {path: out.txt, content: "x"}}]
                - text: "Read it."
                """);
        cli.write(
                "reader.worker",
                "---\nname: reader\nmodel: scripted:reader.yaml\ntoolsets:\n  filesystem: {}\n---\nRead notes.\n");

        var run = cli.run("run", "--json-format", "llm-do", "--headless", "reader.worker", "Read the notes");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Read it.\n");
        List<JsonNode> events = lines(run.err(), "llm-do-events.schema.json");
        assertThat(events)
                .extracting(e -> e.path("type").asString())
                .containsSubsequence(
                        "initial_request",
                        "status",
                        "tool_call",
                        "tool_result",
                        "tool_call",
                        "approval_request",
                        "tool_result",
                        "text_response",
                        "completion");
        assertThat(events)
                .allSatisfy(e -> assertThat(e.path("worker").asString()).isEqualTo("reader"));
        assertThat(events.getFirst().path("user_input").asString()).isEqualTo("Read the notes");
        assertThat(events.getFirst().path("instructions").asString()).contains("Read notes.");
        JsonNode read = events.stream()
                .filter(e -> e.path("type").asString().equals("tool_result"))
                .findFirst()
                .orElseThrow()
                .path("content");
        assertThat(read.path("total_chars").asInt())
                .as("llm-do's read_file result, structured")
                .isPositive();
        assertThat(read.path("content").asString()).contains("[redacted:ANTHROPIC_API_KEY]");
        assertThat(run.err()).doesNotContain(key);
        JsonNode approval = events.stream()
                .filter(e -> e.path("type").asString().equals("approval_request"))
                .findFirst()
                .orElseThrow();
        assertThat(approval.path("tool_name").asString()).isEqualTo("write_file");
        assertThat(approval.path("args").path("path").asString()).isEqualTo("out.txt");

        var failed = cli.run("run", "--json-format", "llm-do", "-m", "scripted:down.yaml", "reader.worker", "Go");
        assertThat(failed.exit()).isEqualTo(ExitCodes.MODEL_FAILED);
        List<JsonNode> failedEvents = lines(
                failed.err().lines().filter(l -> l.startsWith("{")).collect(java.util.stream.Collectors.joining("\n")),
                "llm-do-events.schema.json");
        assertThat(failedEvents.getLast().path("type").asString()).isEqualTo("error");
        assertThat(failedEvents.getLast().path("error_type").asString()).isEqualTo("model_failed");

        assertThat(cli.run("run", "--json-format", "llm_do", "reader.worker", "Go")
                        .exit())
                .isEqualTo(ExitCode.USAGE.code());
    }

    private List<JsonNode> events(String out) {
        List<JsonNode> events = lines(out, "events.schema.json");
        events.forEach(event -> eventTypes.add(event.path("type").asString()));
        return events;
    }

    private List<JsonNode> lines(String out, String schemaName) {
        assertThat(out).as("no output").isNotBlank();
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : out.lines().toList()) parsed.add(document(line, schemaName));
        return parsed;
    }

    /** {@code text} is one JSON document, snake_case throughout, fitting {@code schemaName}. */
    private static JsonNode document(String text, String schemaName) {
        JsonNode node;
        try {
            node = Json.parse(text);
        } catch (RuntimeException notJson) {
            throw new AssertionError("not JSON: " + text, notJson);
        }
        List<String> badNames = new ArrayList<>();
        collectBadNames(node, "$", badNames);
        assertThat(badNames)
                .as("field names that are not snake_case in %s", text)
                .isEmpty();
        assertThat(JsonSchemas.problems(schema(schemaName), node))
                .as("%s against %s", text, schemaName)
                .isEmpty();
        return node;
    }

    private static void collectBadNames(JsonNode node, String where, List<String> bad) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) collectBadNames(node.get(i), where + "[" + i + "]", bad);
            return;
        }
        if (!node.isObject()) return;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            String path = where + "." + name;
            if (!SNAKE_CASE.matcher(name).matches()) bad.add(path);
            if (DATA_VALUES.contains(name)) continue;
            if (DATA_KEYED.contains(name) && field.getValue().isObject()) {
                for (Map.Entry<String, JsonNode> entry : field.getValue().properties()) {
                    collectBadNames(entry.getValue(), path + "[" + entry.getKey() + "]", bad);
                }
                continue;
            }
            collectBadNames(field.getValue(), path, bad);
        }
    }

    private static JsonNode schema(String name) {
        Path file = Path.of(System.getProperty("marble.root", ".."))
                .resolve("docs/schemas")
                .resolve(name);
        try {
            JsonNode schema = Json.parse(Files.readString(file));
            assertThat(JsonSchemas.readable(schema))
                    .as("%s is a schema the validator reads", name)
                    .isTrue();
            return schema;
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
