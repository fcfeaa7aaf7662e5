package dev.marble.provider.claudecode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.Marble;
import dev.marble.config.Environment;
import dev.marble.error.ModelCallFailedException;
import dev.marble.model.ChatOptions;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Cost;
import dev.marble.model.ModelRef;
import dev.marble.model.StreamListener;
import dev.marble.provider.ChatModel;
import dev.marble.provider.resilience.RetryPolicy;
import dev.marble.testkit.ClaudeSandbox;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.FakeReplyScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The claude-code provider against the real Claude Code CLI from npm, which talks to a fake
 * Anthropic server. Both live in a network namespace that has nothing but loopback (the CLI phones
 * home when it can): {@link ClaudeSandbox} starts the fake there with {@code unshare -n}, and Marble runs
 * {@code claude} through its wrapper, which joins the namespace with {@code nsenter}.
 */
@Timeout(120)
class RealClaudeCliTest {

    @TempDir
    Path temp;

    private ClaudeSandbox sandbox;
    private Marble marble;

    @BeforeAll
    static void findTheCli() {
        ClaudeSandbox.require();
    }

    /** Starts the fake in a fresh namespace, with these replies first, and Marble pointed at it. */
    private ChatModel start(FakeReply... replies) throws Exception {
        sandbox = ClaudeSandbox.start(temp.resolve("sandbox"), FakeReplyScript.of(replies));
        Path home = Files.createDirectories(temp.resolve("home"));
        Path project = Files.createDirectories(temp.resolve("project"));
        Files.writeString(
                project.resolve("marble.json"),
                "{\"claude_code\": {\"extra_args\": [\"--bare\"]}, " + "\"default_timeout_seconds\": 90}");
        Map<String, String> variables = new HashMap<>(sandbox.environment(home));
        variables.put("CLAUDECODE", "1"); // Marble must remove it, or the CLI refuses to start inside "another session"
        marble = Marble.start(new Environment(variables, project, home), w -> {});
        marble.openJournal();
        return marble.model(new ModelRef("claude-code", "sonnet"), List.of(), "real-cli", RetryPolicy.NONE);
    }

    @AfterEach
    void stop() {
        if (marble != null) marble.close();
        if (sandbox != null) sandbox.close();
    }

    private List<JsonNode> requests() {
        return sandbox.requests();
    }

    @Test
    void answersThroughTheRealCliWithItsReportedCost() throws Exception {
        ChatModel model = start();
        ChatResponse response = model.chat(ChatRequest.of(null, "Say hello"));
        assertThat(response.text()).isEqualTo("echo: Say hello");
        assertThat(response.cost().source()).isEqualTo(Cost.Source.PROVIDER_REPORTED);
        assertThat(response.cost().usd()).isPositive();
        assertThat(response.usage().inputTokens()).isPositive();
        assertThat(response.sessionId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        JsonNode request = requests().getLast();
        assertThat(request.path("path").asString()).startsWith("/v1/messages");
        assertThat(request.path("body").path("stream").asBoolean()).isTrue();
    }

    @Test
    void streamsDeltasWithPartialMessages() throws Exception {
        ChatModel model = start(FakeReply.text("one two three four five six"));
        List<String> deltas = new ArrayList<>();
        ChatResponse response = model.chat(ChatRequest.of(null, "Count"), new StreamListener() {
            @Override
            public void onText(String delta) {
                deltas.add(delta);
            }
        });
        assertThat(response.text()).isEqualTo("one two three four five six");
        assertThat(String.join("", deltas)).isEqualTo(response.text());
        assertThat(deltas).hasSizeGreaterThan(1);
    }

    @Test
    void theSessionMarbleChoseResumesFromAnotherDirectory() throws Exception {
        ChatModel model = start(FakeReply.text("Noted, Ada."), FakeReply.text("Your name is Ada."));
        ChatResponse first = model.chat(ChatRequest.of(null, "My name is Ada."));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        ChatOptions resume = ChatOptions.builder()
                .session(new ChatOptions.Session(first.sessionId(), true))
                .workingDirectory(elsewhere)
                .build();
        ChatResponse second =
                model.chat(ChatRequest.of(null, "What is my name?").withOptions(resume));
        assertThat(second.text()).isEqualTo("Your name is Ada.");
        assertThat(second.sessionId()).isEqualTo(first.sessionId());
        // The CLI's total_cost_usd counts the whole session on --resume; a call costs what it spent itself.
        assertThat(second.cost().usd())
                .isPositive()
                .isEqualByComparingTo(first.cost().usd());
        String history = requests().getLast().path("body").path("messages").toString();
        assertThat(history).contains("My name is Ada.").contains("Noted, Ada.").contains("What is my name?");
    }

    @Test
    void anApiErrorIsAFailureEvenThoughTheCliSaysSuccess() throws Exception {
        // The CLI retries some 400s itself (with fewer features), so the API must keep failing, as in an outage.
        ChatModel model = start(Collections.nCopies(10, FakeReply.error(400, "invalid_request_error", "bad things"))
                .toArray(FakeReply[]::new));
        assertThatThrownBy(() -> model.chat(ChatRequest.of(null, "hi")))
                .isInstanceOf(ModelCallFailedException.class)
                .hasMessageContaining("claude reported an error (API status 400)")
                .hasMessageContaining("bad things");
    }
}
