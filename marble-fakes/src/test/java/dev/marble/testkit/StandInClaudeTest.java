package dev.marble.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class StandInClaudeTest {
    @TempDir
    Path temp;

    private StandInClaude claude;
    private Path log;

    @BeforeEach
    void install() {
        claude = StandInClaude.install(temp.resolve("bin"));
        log = temp.resolve("claude.log");
    }

    /** Output, stderr and exit code of one run. */
    private record Run(List<JsonNode> lines, String stderr, int exitCode) {}

    private Run run(Map<String, String> env, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(claude.executable().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile());
        builder.environment().remove("CLAUDECODE");
        builder.environment().put("STANDIN_CLAUDE_LOG", log.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        try (var input = process.getOutputStream()) {
            input.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException notRead) {
            // A run that takes its prompt from -p never reads standard input and may have ended already:
            // the pipe is closed, which is what such a run is meant to do.
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        List<JsonNode> lines = out.lines().map(Wire::json).toList();
        return new Run(lines, err, process.exitValue());
    }

    private List<JsonNode> logLines() throws IOException {
        return Files.readAllLines(log).stream().map(Wire::json).toList();
    }

    @Test
    void installsAnExecutableNamedClaude() {
        assertThat(claude.executable().getFileName()).hasToString("claude");
        assertThat(claude.directory()).isEqualTo(temp.resolve("bin"));
        assertThat(Files.isExecutable(claude.executable())).isTrue();
        assertThat(StandInClaude.install(temp.resolve("bin")).executable()).isEqualTo(claude.executable());
    }

    @Test
    void speaksStreamJsonAndLogsItsInvocation() throws Exception {
        String prompt = "line one\n\"quoted\" \\ back\tslash \u0001 ünïcode\n\n";

        Run run = run(
                Map.of(),
                prompt,
                "-p",
                "--output-format",
                "stream-json",
                "--verbose",
                "--model",
                "sonnet",
                "--session-id",
                "0f0e0d0c-0000-4000-8000-000000000001",
                "--include-partial-messages");

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines())
                .extracting(line -> line.get("type").asString())
                .containsExactly("system", "stream_event", "stream_event", "stream_event", "assistant", "result");
        String session = "0f0e0d0c-0000-4000-8000-000000000001";
        assertThat(run.lines())
                .allSatisfy(
                        line -> assertThat(line.get("session_id").asString()).isEqualTo(session));
        JsonNode init = run.lines().getFirst();
        assertThat(init.get("subtype").asString()).isEqualTo("init");
        assertThat(init.get("model").asString()).isEqualTo("claude-sonnet-4-6");
        assertThat(init.get("tools")).isEmpty();
        assertThat(init.get("cwd").asString()).isEqualTo(temp.toString());
        StringBuilder streamed = new StringBuilder();
        for (JsonNode event : run.lines().subList(1, 4)) {
            assertThat(event.get("event").get("type").asString()).isEqualTo("content_block_delta");
            assertThat(event.get("event").get("delta").get("type").asString()).isEqualTo("text_delta");
            streamed.append(event.get("event").get("delta").get("text").asString());
        }
        assertThat(streamed).hasToString("stand-in reply");
        JsonNode message = run.lines().get(4).get("message");
        assertThat(message.get("model").asString()).isEqualTo("claude-sonnet-4-6");
        assertThat(message.get("content").toString()).isEqualTo("[{\"type\":\"text\",\"text\":\"stand-in reply\"}]");
        JsonNode result = run.lines().get(5);
        assertThat(result.get("subtype").asString()).isEqualTo("success");
        assertThat(result.get("is_error").asBoolean()).isFalse();
        assertThat(result.get("result").asString()).isEqualTo("stand-in reply");
        assertThat(result.get("total_cost_usd").asDouble()).isEqualTo(0.0123);
        assertThat(result.get("num_turns").asInt()).isEqualTo(1);
        assertThat(result.get("usage").toString())
                .isEqualTo("{\"input_tokens\":12,\"output_tokens\":7,"
                        + "\"cache_read_input_tokens\":3,\"cache_creation_input_tokens\":2}");

        JsonNode logged = logLines().getFirst();
        assertThat(logged.get("argv"))
                .extracting(JsonNode::asString)
                .containsExactly(
                        "-p",
                        "--output-format",
                        "stream-json",
                        "--verbose",
                        "--model",
                        "sonnet",
                        "--session-id",
                        session,
                        "--include-partial-messages");
        assertThat(logged.get("cwd").asString()).isEqualTo(temp.toString());
        assertThat(logged.get("claudecode").asBoolean()).isFalse();
        assertThat(logged.get("stdin").asString()).isEqualTo(prompt);
    }

    @Test
    void takesThePromptFromItsArgumentAndHonoursTheEnvironment() throws Exception {
        Map<String, String> env =
                Map.of("CLAUDECODE", "1", "STANDIN_CLAUDE_REPLY", "a \"special\"\nreply", "STANDIN_CLAUDE_COST", "1.5");

        Run run = run(env, "never read", "-p", "say \"hi\"", "--resume", "sess-1", "--model", "claude-opus-4-6");

        assertThat(run.exitCode()).isZero();
        assertThat(run.lines())
                .extracting(line -> line.get("type").asString())
                .containsExactly("system", "assistant", "result");
        assertThat(run.lines().getFirst().get("session_id").asString()).isEqualTo("sess-1");
        assertThat(run.lines().getFirst().get("model").asString()).isEqualTo("claude-opus-4-6");
        assertThat(run.lines().getLast().get("result").asString()).isEqualTo("a \"special\"\nreply");
        assertThat(run.lines().getLast().get("total_cost_usd").asDouble()).isEqualTo(1.5);
        JsonNode logged = logLines().getFirst();
        assertThat(logged.get("argv").get(1).asString()).isEqualTo("say \"hi\"");
        assertThat(logged.get("claudecode").asBoolean()).isTrue();
        assertThat(logged.has("stdin")).isFalse();
    }

    @Test
    void appendsOneLogLinePerRun() throws Exception {
        run(Map.of(), "", "-p", "one");
        run(Map.of(), "two", "-p");

        assertThat(logLines()).extracting(line -> line.get("argv").size()).containsExactly(2, 1);
    }

    @Test
    void reportsAnApiErrorLikeTheRealCli() throws Exception {
        Run run = run(Map.of("STANDIN_CLAUDE_ERROR", "Internal server error"), "", "-p", "hi");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode result = run.lines().getLast();
        assertThat(result.get("type").asString()).isEqualTo("result");
        assertThat(result.get("is_error").asBoolean()).isTrue();
        assertThat(result.get("result").asString()).isEqualTo("API Error: 500 Internal server error");
        assertThat(result.get("api_error_status").asInt()).isEqualTo(500);
    }

    @Test
    void failsWithTheGivenExitCode() throws Exception {
        Run run = run(Map.of("STANDIN_CLAUDE_EXIT", "7"), "", "-p", "hi");

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.stderr()).contains("stand-in failure");
        assertThat(run.lines()).noneMatch(line -> line.get("type").asString().equals("result"));
    }

    @Test
    void sleepsInAChildProcessWhosePidItWrites() throws Exception {
        Path pidFile = temp.resolve("child.pid");
        ProcessBuilder builder = new ProcessBuilder(claude.executable().toString(), "-p", "hi");
        builder.environment().put("STANDIN_CLAUDE_SLEEP", "30");
        builder.environment().put("STANDIN_CLAUDE_PIDFILE", pidFile.toString());
        Process process = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while ((!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long child = Long.parseLong(Files.readString(pidFile).trim());

            assertThat(process.descendants().map(ProcessHandle::pid)).contains(child);
            assertThat(process.isAlive()).isTrue();
        } finally {
            // Ends only what this test started: the stand-in and its own children.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
