package dev.marble.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.Marble;
import dev.marble.config.Environment;
import dev.marble.json.Json;
import dev.marble.model.ChatRequest;
import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * LLMProc's debug dumps, made safe: a call the Anthropic API refuses (400 from the fake server) leaves its request and
 * error in {@code .marble/debug_dumps/}, and the error names the file; the API key, which a hostile model or tool
 * output may have put into the conversation itself, appears in neither.
 */
class DebugDumpSecurityTest {

    private static final String KEY = "sk-ant-api03-DEBUGDUMPSECRET0123456789abcdef";

    @TempDir
    Path project;

    private final FakeAnthropicServer server = FakeAnthropicServer.start();
    private Marble marble;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(project.resolve(".marble"));
        marble = Marble.start(
                new Environment(
                        Map.of("ANTHROPIC_BASE_URL", server.baseUrl(), "ANTHROPIC_API_KEY", KEY), project, project),
                warning -> {});
    }

    @AfterEach
    void tearDown() {
        marble.close();
        server.close();
    }

    private ChatModel model() {
        return marble.model(marble.resolver().resolve("anthropic:claude-sonnet-4-6"), List.of(), "run-dump");
    }

    private List<Path> dumps() throws IOException {
        Path folder = project.resolve(".marble").resolve(Marble.DEBUG_DUMPS);
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    @Test
    void aRefusedCallIsDumpedRedactedAndTheErrorNamesTheFile() throws IOException {
        server.requireApiKey(KEY).enqueue(FakeReply.error(400, "invalid_request_error", "messages: bad shape"));
        ChatRequest request = ChatRequest.of("You are careful.", "My key is " + KEY + ", keep it safe.");

        assertThatThrownBy(() -> model().chat(request))
                .hasMessageContaining("debug_dumps")
                .hasMessageNotContaining(KEY);

        List<Path> dumps = dumps();
        assertThat(dumps).hasSize(1);
        Path dump = dumps.getFirst();
        assertThat(dump.getFileName().toString()).matches("\\d{8}T\\d{6}\\.\\d{3}Z-anthropic\\.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dump)))
                .as("the conversation is its owner's")
                .isEqualTo("rw-------");
        String text = Files.readString(dump);
        assertThat(text).doesNotContain(KEY).doesNotContain("DEBUGDUMPSECRET");
        JsonNode json = Json.parse(text);
        assertThat(json.path("provider").asString()).isEqualTo("anthropic");
        assertThat(json.path("http_status").asInt()).isEqualTo(400);
        assertThat(json.path("error").asString()).contains("bad shape");
        assertThat(json.path("request").path("system").asString()).isEqualTo("You are careful.");
        assertThat(json.path("request").path("messages").toString()).contains("keep it safe");
    }

    @Test
    void aDumpedErrorStaysUnretriedAsBefore() {
        server.requireApiKey(KEY).enqueue(FakeReply.error(400, "invalid_request_error", "bad"), FakeReply.text("no"));

        assertThatThrownBy(() -> model().chat(ChatRequest.of(null, "hi"))).hasMessageContaining("debug_dumps");
        assertThat(server.requestCount()).as("a 400 is not retried").isEqualTo(1);
    }

    @Test
    void retriedErrorsAreNotDumped() throws IOException {
        server.requireApiKey(KEY)
                .enqueue(FakeReply.error(529, "overloaded_error", "busy"), FakeReply.text("fine after all"));

        assertThat(model().chat(ChatRequest.of(null, "hi")).text()).isEqualTo("fine after all");
        assertThat(dumps()).isEmpty();
    }
}
