package dev.marble.provider.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.config.Environment;
import dev.marble.error.ModelException;
import dev.marble.model.ChatOptions;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.StreamListener;
import dev.marble.provider.ChatModel;
import dev.marble.provider.claudecode.ClaudeCodeChatModel;
import dev.marble.provider.claudecode.ClaudeCodeSettings;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.StandInClaude;
import dev.marble.testkit.contract.ChatModelContract;
import dev.marble.testkit.contract.ProviderFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The claude-code provider against the stand-in CLI, which prints what the real one prints. Each
 * call runs a fresh process whose environment says what it answers. The real CLI is tested in
 * {@code dev.marble.provider.claudecode.RealClaudeCliTest}.
 */
class ClaudeCodeContractTest extends ChatModelContract {

    @Override
    protected boolean supportsTools() {
        return false; // the CLI runs Claude Code's own tools; Marble's are refused (refusesMarblesToolsSayingWhy)
    }

    @Override
    protected boolean supportsReasoning() {
        return false; // the CLI keeps its own thinking: Marble streams it to the listener, but no part carries it back
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void refusesMarblesToolsSayingWhy(boolean stream) {
        ChatRequest withTools =
                new ChatRequest(null, List.of(Message.user("Weather?")), List.of(WEATHER), ChatOptions.DEFAULTS);
        assertThatThrownBy(() -> fixture.model().chat(withTools, listener(stream)))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("Marble's tools cannot be offered");
    }

    @Override
    protected ProviderFixture createFixture() throws IOException {
        Path directory = Files.createTempDirectory("standin-claude");
        StandInClaude standIn = StandInClaude.install(directory);
        Environment base =
                new Environment(Map.of("PATH", standIn.directory() + ":/usr/bin:/bin"), directory, directory);
        ClaudeCodeSettings settings = new ClaudeCodeSettings("claude", "dontAsk", List.of("Read"), List.of());
        return new ProviderFixture() {
            private final ArrayDeque<FakeReply.Answer> answers = new ArrayDeque<>();

            @Override
            public ProviderFixture answer(FakeReply reply) {
                answers.add((FakeReply.Answer) reply);
                return this;
            }

            @Override
            public ChatModel model() {
                ModelRef ref = new ModelRef("claude-code", "sonnet");
                return new ChatModel() {
                    @Override
                    public ModelRef ref() {
                        return ref;
                    }

                    @Override
                    public ChatResponse chat(ChatRequest request, StreamListener listener) {
                        FakeReply.Answer next = answers.isEmpty() ? FakeReply.text("stand-in reply") : answers.poll();
                        var usage = next.usage();
                        Environment env = base.withVariable("STANDIN_CLAUDE_REPLY", next.text())
                                .withVariable(
                                        "STANDIN_CLAUDE_USAGE",
                                        usage.input() + " " + usage.output() + " " + usage.cacheRead() + " "
                                                + usage.cacheWrite());
                        return new ClaudeCodeChatModel(ref, settings, env, Duration.ofSeconds(20))
                                .chat(request, listener);
                    }
                };
            }

            // No lastRequest(): argv and stdin are checked in ClaudeCodeChatModelTest.

            @Override
            public void close() {
                try (var files = Files.walk(directory)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
