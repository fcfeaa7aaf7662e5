package dev.marble.provider.claudecode;

import dev.marble.Marble;
import dev.marble.config.Environment;
import dev.marble.error.ModelCallFailedException;
import dev.marble.json.Json;
import dev.marble.model.ChatOptions;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Cost;
import dev.marble.model.ModelRef;
import dev.marble.model.StreamListener;
import dev.marble.provider.ChatModel;
import dev.marble.provider.resilience.RetryPolicy;
import dev.marble.testkit.FakeServerMain;
import dev.marble.testkit.Peers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The claude-code provider against the real Claude Code CLI from npm, which talks to a fake
 * Anthropic server. Both live in a network namespace that has nothing but loopback (the CLI phones
 * home when it can): the fake is started there with {@code unshare -n}, and Marble runs
 * {@code claude} through a wrapper that joins the namespace with {@code nsenter}.
 */
@Timeout(120)
class RealClaudeCliTest {

    private static Path claude;

    @TempDir
    Path temp;

    private Process fake;
    private Path requestLog;
    private Marble marble;

    @BeforeAll
    static void findTheCli() {
        claude = Peers.require("the real Claude Code CLI", Peers.claude());
        Peers.requireThat("network namespaces (root, unshare, nsenter, ip)", NetworkNamespace.usable(),
                NetworkNamespace.whyNot());
    }

    /** Starts the fake in a fresh namespace, with these replies first, and Marble pointed at it. */
    private ChatModel start(String repliesJson) throws Exception {
        Path portFile = temp.resolve("port");
        requestLog = temp.resolve("requests.jsonl");
        Path replies = Files.writeString(temp.resolve("replies.json"), repliesJson);
        String java = ProcessHandle.current().info().command().orElseThrow();
        fake = new ProcessBuilder("unshare", "-n", "bash", "-c",
                "ip link set lo up && exec \"$0\" -cp \"$1\" " + FakeServerMain.class.getName() + " anthropic \"$2\" \"$3\" \"$4\"",
                java, System.getProperty("java.class.path"), portFile.toString(), requestLog.toString(), replies.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        for (int i = 0; i < 300 && !Files.exists(portFile); i++) Thread.sleep(50);
        assertThat(portFile).as("the fake started inside the namespace").exists();
        int port = Integer.parseInt(Files.readString(portFile).strip());

        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path wrapper = bin.resolve("claude");
        Files.writeString(wrapper, "#!/bin/sh\nexec nsenter --net=/proc/" + fake.pid() + "/ns/net -- '" + claude + "' \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));

        Path home = Files.createDirectories(temp.resolve("home"));
        Path project = Files.createDirectories(temp.resolve("project"));
        Files.writeString(project.resolve("marble.json"), "{\"claude_code\": {\"extra_args\": [\"--bare\"]}, "
                + "\"default_timeout_seconds\": 90}");
        Map<String, String> variables = new HashMap<>(Map.of(
                "PATH", bin + ":/usr/bin:/bin", "HOME", home.toString(),
                "ANTHROPIC_BASE_URL", "http://127.0.0.1:" + port, "ANTHROPIC_API_KEY", "sk-ant-test-key-0123456789",
                "DISABLE_AUTOUPDATER", "1", "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1", "DISABLE_TELEMETRY", "1",
                "CLAUDECODE", "1")); // Marble must remove it, or the CLI refuses to start inside "another session"
        marble = Marble.start(new Environment(variables, project, home), w -> { });
        marble.openJournal();
        return marble.model(new ModelRef("claude-code", "sonnet"), List.of(), "real-cli", RetryPolicy.NONE);
    }

    @AfterEach
    void stop() throws IOException {
        if (marble != null) marble.close();
        if (fake != null) {
            fake.getOutputStream().close();
            fake.destroy();
        }
    }

    private List<JsonNode> requests() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (Files.exists(requestLog)) for (String line : Files.readAllLines(requestLog)) out.add(Json.parse(line));
        return out;
    }

    @Test
    void answersThroughTheRealCliWithItsReportedCost() throws Exception {
        ChatModel model = start("[]");
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
        ChatModel model = start("[{\"text\": \"one two three four five six\"}]");
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
        ChatModel model = start("[{\"text\": \"Noted, Ada.\"}, {\"text\": \"Your name is Ada.\"}]");
        ChatResponse first = model.chat(ChatRequest.of(null, "My name is Ada."));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        ChatOptions resume = ChatOptions.builder().session(new ChatOptions.Session(first.sessionId(), true))
                .workingDirectory(elsewhere).build();
        ChatResponse second = model.chat(ChatRequest.of(null, "What is my name?").withOptions(resume));
        assertThat(second.text()).isEqualTo("Your name is Ada.");
        assertThat(second.sessionId()).isEqualTo(first.sessionId());
        String history = requests().getLast().path("body").path("messages").toString();
        assertThat(history).contains("My name is Ada.").contains("Noted, Ada.").contains("What is my name?");
    }

    @Test
    void anApiErrorIsAFailureEvenThoughTheCliSaysSuccess() throws Exception {
        // The CLI retries some 400s itself (with fewer features), so the API must keep failing, as in an outage.
        String error = "{\"error\": {\"status\": 400, \"type\": \"invalid_request_error\", \"message\": \"bad things\"}}";
        ChatModel model = start("[" + String.join(",", java.util.Collections.nCopies(10, error)) + "]");
        assertThatThrownBy(() -> model.chat(ChatRequest.of(null, "hi")))
                .isInstanceOf(ModelCallFailedException.class)
                .hasMessageContaining("claude reported an error (API status 400)")
                .hasMessageContaining("bad things");
    }

    /** Whether this machine lets a test make a namespace of its own. */
    static final class NetworkNamespace {
        private NetworkNamespace() {}

        static boolean usable() {
            return whyNot() == null;
        }

        static String whyNot() {
            if (!"root".equals(System.getProperty("user.name"))) return "nsenter into a new network namespace needs root";
            for (String tool : List.of("unshare", "nsenter", "ip")) {
                boolean found = List.of("/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/").stream()
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir + tool)));
                if (!found) return tool + " is not installed (Debian: util-linux, iproute2)";
            }
            return null;
        }
    }

}
