package dev.marble.provider.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.config.ConfigLoader;
import dev.marble.config.Environment;
import dev.marble.error.ModelException;
import dev.marble.json.Json;
import dev.marble.model.ChatOptions;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Cost;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.ToolSpec;
import dev.marble.testkit.StandInClaude;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** What Marble passes to the Claude Code CLI and how it reads what comes back, against the stand-in. */
@Timeout(30)
class ClaudeCodeChatModelTest {

    @TempDir
    Path temp;

    private Path log;
    private Environment env;
    private final ClaudeCodeSettings settings = new ClaudeCodeSettings(
            "claude", "dontAsk", List.of("Read", "Edit", "Write", "Bash", "Glob", "Grep"), List.of());

    @BeforeEach
    void setUp() {
        StandInClaude standIn = StandInClaude.install(temp.resolve("bin"));
        log = temp.resolve("calls.jsonl");
        env = new Environment(
                Map.of(
                        "PATH",
                        standIn.directory() + ":/usr/bin:/bin",
                        "STANDIN_CLAUDE_LOG",
                        log.toString(),
                        "CLAUDECODE",
                        "1"),
                temp,
                temp);
    }

    private ChatResponse call(Environment environment, ClaudeCodeSettings with, ChatRequest request) {
        return new ClaudeCodeChatModel(new ModelRef("claude-code", "sonnet"), with, environment, Duration.ofSeconds(20))
                .chat(request);
    }

    private List<JsonNode> calls() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(log)) out.add(Json.parse(line));
        return out;
    }

    private static List<String> argv(JsonNode call) {
        List<String> out = new ArrayList<>();
        call.path("argv").forEach(a -> out.add(a.asString()));
        return out;
    }

    @Test
    void llmautosArgumentShapeComesFirstThenMarblesAdditions() throws IOException {
        ChatResponse response = call(env, settings, ChatRequest.of(null, "Do the next task."));
        List<String> argv = argv(calls().getFirst());
        assertThat(argv.subList(0, 8))
                .containsExactly(
                        "--model",
                        "sonnet",
                        "-p",
                        "Do the next task.",
                        "--permission-mode",
                        "dontAsk",
                        "--allowedTools",
                        "Read,Edit,Write,Bash,Glob,Grep");
        assertThat(argv.subList(8, argv.size()))
                .containsExactly("--session-id", response.sessionId(), "--output-format", "stream-json", "--verbose");
        assertThat(response.sessionId()).matches("[0-9a-f-]{36}");
    }

    @Test
    void claudecodeIsRemovedSoARunCanStartInsideClaudeCode() throws IOException {
        call(env, settings, ChatRequest.of(null, "hi"));
        assertThat(calls().getFirst().path("claudecode").asBoolean()).isFalse();
    }

    @Test
    void theSessionMarbleChoseIsResumedByIdInAnyDirectory() throws IOException {
        ChatOptions resume = ChatOptions.builder()
                .session(new ChatOptions.Session("1111-2222", true))
                .workingDirectory(Files.createDirectories(temp.resolve("elsewhere")))
                .build();
        ChatResponse response =
                call(env, settings, ChatRequest.of(null, "continue").withOptions(resume));
        JsonNode logged = calls().getFirst();
        assertThat(argv(logged)).containsSubsequence("--resume", "1111-2222");
        assertThat(logged.path("cwd").asString()).endsWith("elsewhere");
        assertThat(response.sessionId()).isEqualTo("1111-2222");
    }

    @Test
    void aForkOfTheFoldersLatestConversationTakesMarblesIdAsTheCliRequires() throws IOException {
        // The CLI refuses --session-id with --continue unless --fork-session is given too.
        ChatOptions fork = ChatOptions.builder()
                .session(new ChatOptions.Session("3333-4444", false, true))
                .build();
        ChatResponse response =
                call(env, settings, ChatRequest.of(null, "go on").withOptions(fork));
        assertThat(argv(calls().getFirst()))
                .containsSubsequence("--continue", "--fork-session", "--session-id", "3333-4444")
                .doesNotContain("--resume");
        assertThat(response.sessionId()).isEqualTo("3333-4444");
        assertThatThrownBy(() -> new ChatOptions.Session("x", true, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void systemPromptExtraArgumentsAndPermissionModeFromConfiguration() throws IOException {
        ClaudeCodeSettings custom = new ClaudeCodeSettings("claude", "acceptEdits", List.of("Read"), List.of("--bare"));
        call(env, custom, ChatRequest.of("You are a reviewer.", "Review."));
        List<String> argv = argv(calls().getFirst());
        assertThat(argv.getFirst()).isEqualTo("--bare");
        assertThat(argv)
                .containsSubsequence("--permission-mode", "acceptEdits", "--allowedTools", "Read")
                .containsSubsequence("--system-prompt", "You are a reviewer.");
    }

    @Test
    void aPromptTooLongForOneArgumentGoesToStandardInput() throws IOException {
        String prompt = "x".repeat(150_000);
        call(env, settings, ChatRequest.of(null, prompt));
        JsonNode logged = calls().getFirst();
        assertThat(argv(logged)).containsSubsequence("-p", "--permission-mode").doesNotContain(prompt);
        assertThat(logged.path("stdin").asString()).isEqualTo(prompt);
    }

    @Test
    void earlierMessagesOfANewSessionGoAsATranscript() throws IOException {
        List<Message> history =
                List.of(Message.user("My name is Ada."), Message.assistant("Hello Ada."), Message.user("My name?"));
        call(env, settings, new ChatRequest(null, history, List.of(), ChatOptions.DEFAULTS));
        String prompt = argv(calls().getFirst()).get(3);
        assertThat(prompt)
                .contains("User: My name is Ada.")
                .contains("Assistant: Hello Ada.")
                .endsWith("My name?");
    }

    @Test
    void costUsageAndModelComeFromTheResult() {
        ChatResponse response =
                call(env.withVariable("STANDIN_CLAUDE_COST", "0.5"), settings, ChatRequest.of(null, "hi"));
        assertThat(response.text()).isEqualTo("stand-in reply");
        assertThat(response.cost()).isEqualTo(new Cost(new BigDecimal("0.5"), Cost.Source.PROVIDER_REPORTED));
        assertThat(response.usage().cacheReadTokens()).isEqualTo(3);
        assertThat(response.model()).isEqualTo(new ModelRef("claude-code", "claude-sonnet-4-6"));
    }

    @Test
    void isErrorMeansFailureWhateverTheExitCode() {
        assertThatThrownBy(() ->
                        call(env.withVariable("STANDIN_CLAUDE_ERROR", "boom"), settings, ChatRequest.of(null, "hi")))
                .isInstanceOf(ModelException.class)
                .hasMessage("claude reported an error (API status 500): API Error: 500 boom")
                .satisfies(e -> assertThat(((ModelException) e).retryable())
                        .as("the CLI already retried")
                        .isFalse());
    }

    @Test
    void anExitWithoutAResultQuotesStandardError() {
        assertThatThrownBy(
                        () -> call(env.withVariable("STANDIN_CLAUDE_EXIT", "3"), settings, ChatRequest.of(null, "hi")))
                .isInstanceOf(ModelException.class)
                .hasMessage("claude exited with code 3 without a result: stand-in failure");
    }

    @Test
    void aMissingBinaryIsOneClearLine() {
        Environment noClaude = env.withVariable("PATH", "/nonexistent");
        assertThatThrownBy(() -> call(noClaude, settings, ChatRequest.of(null, "hi")))
                .isInstanceOf(ModelException.class)
                .satisfies(e -> assertThat(((ModelException) e).kind()).isEqualTo(ModelException.Kind.UNAVAILABLE))
                .hasMessageContaining("'claude' was not found on PATH")
                .hasMessageContaining("npm install -g @anthropic-ai/claude-code");
    }

    @Test
    void theTimeLimitKillsTheWholeProcessTree() throws Exception {
        Path pidFile = temp.resolve("child.pid");
        Environment sleepy = env.withVariable("STANDIN_CLAUDE_SLEEP", "60")
                .withVariable("STANDIN_CLAUDE_PIDFILE", pidFile.toString());
        long start = System.nanoTime();
        assertThatThrownBy(() -> new ClaudeCodeChatModel(
                                new ModelRef("claude-code", "sonnet"), settings, sleepy, Duration.ofMillis(800))
                        .chat(ChatRequest.of(null, "hi")))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("no result within")
                .satisfies(e -> assertThat(((ModelException) e).kind()).isEqualTo(ModelException.Kind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        long child = Long.parseLong(Files.readString(pidFile).strip());
        for (int i = 0;
                i < 50 && ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false);
                i++) Thread.sleep(100);
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false))
                .as("the child sleep is gone too")
                .isFalse();
    }

    @Test
    void marblesToolsCannotBeOffered() {
        ToolSpec tool = new ToolSpec("t", "", Json.parse("{\"type\":\"object\"}"));
        assertThatThrownBy(() ->
                        call(env, settings, new ChatRequest(null, List.of(Message.user("hi")), List.of(tool), null)))
                .hasMessageContaining("runs Claude Code's own tools");
    }

    @Test
    void settingsComeFromLlmautosConfigKeys() throws IOException {
        Files.writeString(temp.resolve("marble.json"), """
                {"default_permission_mode": "bypassPermissions", "default_allowed_tools": ["Read", "Grep"],
                 "claude_code": {"command": "/opt/claude/bin/claude", "extra_args": ["--bare"]}}""");
        ClaudeCodeSettings loaded = ClaudeCodeSettings.from(ConfigLoader.load(env));
        assertThat(loaded)
                .isEqualTo(new ClaudeCodeSettings(
                        "/opt/claude/bin/claude", "bypassPermissions", List.of("Read", "Grep"), List.of("--bare")));
    }
}
