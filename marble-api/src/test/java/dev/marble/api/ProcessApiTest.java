package dev.marble.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.Marble;
import dev.marble.config.Environment;
import dev.marble.error.UsageException;
import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LLMProc's process API on {@link Agent}: {@code preload_files} into a live conversation and {@code reset_state} with
 * each combination of its two flags, checked on what the next request to the fake Anthropic server carries. The
 * program is an LLMProc seed-era TOML file written for this test.
 */
class ProcessApiTest {

    private static final String KEY = "sk-ant-api03-PROCESSAPITESTKEY0123456789";
    private static final String PROMPT = "You answer from the files.";
    private static final String CONFIG_BLOCK =
            "<preload>\n<file path=\"facts.md\">\nThe sky is green here.\n</file>\n" + "</preload>";
    private static final String RUNTIME_BLOCK =
            "<preload>\n<file path=\"later.md\">\nAdded at run time.\n</file>\n" + "</preload>";

    @TempDir
    Path temp;

    private final FakeAnthropicServer server = FakeAnthropicServer.start();
    private Marble marble;
    private AgentFiles files;
    private Agent process;
    private Path later;

    @BeforeEach
    void setUp() throws IOException {
        server.requireApiKey(KEY).respondWith(request -> FakeReply.text("ok"));
        Files.writeString(temp.resolve("facts.md"), "The sky is green here.");
        later = Files.writeString(temp.resolve("later.md"), "Added at run time.");
        Path program = Files.writeString(temp.resolve("reader.toml"), """
                [model]
                name = "claude-sonnet-4-6"
                provider = "anthropic"

                [prompt]
                system_prompt = "%s"

                [preload]
                files = ["facts.md"]
                """.formatted(PROMPT));
        marble = Marble.start(
                new Environment(Map.of("ANTHROPIC_BASE_URL", server.baseUrl(), "ANTHROPIC_API_KEY", KEY), temp, temp),
                warning -> {});
        files = AgentFiles.load(marble, List.of(program));
        process = files.open(null);
    }

    @AfterEach
    void tearDown() {
        process.close();
        files.close();
        marble.close();
        server.close();
    }

    /** Talks once, preloads a file at run time, resets with the flags, then asks: the request after the reset. */
    private SeenRequest afterReset(boolean keepSystemPrompt, boolean keepPreloaded) {
        process.run("First question");
        process.preloadFiles(later);
        process.reset(keepSystemPrompt, keepPreloaded);
        process.run("After the reset");
        return server.lastRequest();
    }

    @Test
    void theProgramsPreloadIsInTheFirstRequest() {
        process.run("What colour is the sky?");

        assertThat(server.lastRequest().system()).isEqualTo(PROMPT + "\n\n" + CONFIG_BLOCK);
        assertThat(process.preloadedContent()).containsOnlyKeys(temp.resolve("facts.md"));
    }

    @Test
    void preloadingIntoALiveConversationAddsABlockAndKeepsTheMessages() {
        process.run("First question");
        process.preloadFiles(later);
        process.run("Second question");

        SeenRequest second = server.lastRequest();
        assertThat(second.system()).isEqualTo(PROMPT + "\n\n" + CONFIG_BLOCK + "\n\n" + RUNTIME_BLOCK);
        assertThat(second.messages()).hasSize(3);
        assertThat(second.messages().getFirst().text()).isEqualTo("First question");
        assertThat(process.preloadedContent())
                .containsOnlyKeys(temp.resolve("facts.md"), temp.resolve("later.md"))
                .containsEntry(temp.resolve("later.md"), "Added at run time.");
    }

    @Test
    void resetKeepingBothKeepsPromptAndEveryPreloadAndForgetsTheMessages() {
        SeenRequest request = afterReset(true, true);

        assertThat(request.system()).isEqualTo(PROMPT + "\n\n" + CONFIG_BLOCK + "\n\n" + RUNTIME_BLOCK);
        assertThat(request.messages()).hasSize(1);
        assertThat(request.lastUserText()).isEqualTo("After the reset");
    }

    @Test
    void resetKeepingThePromptOnlyDropsEveryPreloadedFile() {
        SeenRequest request = afterReset(true, false);

        assertThat(request.system()).isEqualTo(PROMPT);
        assertThat(request.messages()).hasSize(1);
        assertThat(process.preloadedContent()).isEmpty();
    }

    @Test
    void resetKeepingThePreloadsOnlySendsTheFilesWithoutThePrompt() {
        SeenRequest request = afterReset(false, true);

        assertThat(request.system()).isEqualTo(CONFIG_BLOCK + "\n\n" + RUNTIME_BLOCK);
        assertThat(request.messages()).hasSize(1);
    }

    @Test
    void resetKeepingNeitherSendsNoSystemPromptAtAll() {
        SeenRequest request = afterReset(false, false);

        assertThat(request.system()).isNull();
        assertThat(request.messages()).hasSize(1);
        assertThat(process.instructions()).isNull();
    }

    @Test
    void theDefaultResetIsKeepBoth() {
        process.run("First question");
        process.preloadFiles(later);
        process.reset();
        process.run("After the reset");

        assertThat(server.lastRequest().system()).isEqualTo(PROMPT + "\n\n" + CONFIG_BLOCK + "\n\n" + RUNTIME_BLOCK);
        assertThat(server.lastRequest().messages()).hasSize(1);
    }

    @Test
    void aMissingFileIsAnErrorNamingItAndAddsNothing() {
        Path missing = temp.resolve("missing.md");

        assertThatThrownBy(() -> process.preloadFiles(later, missing))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("missing.md");
        process.run("Still there?");

        assertThat(server.lastRequest().system()).isEqualTo(PROMPT + "\n\n" + CONFIG_BLOCK);
    }

    @Test
    void anAgentBuiltInCodePreloadsAndResetsAlike() {
        try (Agent agent = Agent.builder("coded")
                .model("anthropic:claude-sonnet-4-6")
                .instructions("Coded prompt.")
                .marble(marble)
                .build()) {
            agent.preloadFiles(later);
            agent.run("One");
            assertThat(server.lastRequest().system()).isEqualTo("Coded prompt.\n\n" + RUNTIME_BLOCK);

            agent.reset(true, false);
            agent.run("Two");
            assertThat(server.lastRequest().system()).isEqualTo("Coded prompt.");
            assertThat(server.lastRequest().messages()).hasSize(1);
        }
    }
}
