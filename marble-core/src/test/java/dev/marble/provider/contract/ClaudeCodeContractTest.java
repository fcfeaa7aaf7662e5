package dev.marble.provider.contract;

import dev.marble.config.Environment;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.ModelRef;
import dev.marble.model.StreamListener;
import dev.marble.provider.ChatModel;
import dev.marble.provider.claudecode.ClaudeCodeChatModel;
import dev.marble.provider.claudecode.ClaudeCodeSettings;
import dev.marble.testkit.FakeReply;
import dev.marble.testkit.SeenRequest;
import dev.marble.testkit.StandInClaude;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The claude-code provider against the stand-in CLI, which prints what the real one prints. Each
 * call runs a fresh process whose environment says what it answers. The real CLI is tested in
 * {@code dev.marble.provider.claudecode.RealClaudeCliTest}.
 */
class ClaudeCodeContractTest extends ChatModelContract {

    @Override
    protected ProviderFixture createFixture() throws IOException {
        Path directory = Files.createTempDirectory("standin-claude");
        StandInClaude standIn = StandInClaude.install(directory);
        Environment base = new Environment(Map.of("PATH", standIn.directory() + ":/usr/bin:/bin"), directory, directory);
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
                                .withVariable("STANDIN_CLAUDE_USAGE", usage.input() + " " + usage.output() + " "
                                        + usage.cacheRead() + " " + usage.cacheWrite());
                        return new ClaudeCodeChatModel(ref, settings, env, Duration.ofSeconds(20)).chat(request, listener);
                    }
                };
            }

            @Override
            public Optional<SeenRequest> lastRequest() {
                return Optional.empty(); // argv and stdin are checked in ClaudeCodeChatModelTest
            }

            @Override
            public boolean offersTools() {
                return false;
            }

            @Override
            public boolean reportsCacheWrites() {
                return true;
            }

            @Override
            public boolean sendsThinkingBack() {
                return false;
            }

            @Override
            public void close() {
                try (var files = Files.walk(directory)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
