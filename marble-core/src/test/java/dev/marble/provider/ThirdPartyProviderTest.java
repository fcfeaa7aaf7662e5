package dev.marble.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.Marble;
import dev.marble.config.Environment;
import dev.marble.model.ChatRequest;
import dev.marble.model.Cost;
import dev.marble.model.ModelRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A factory on the class path ({@link EchoProviderFactory}, through this module's test META-INF/services) is named
 * by its built-in provider at once, with no marble.json entry, exactly as Marble's own providers are.
 */
class ThirdPartyProviderTest {

    @TempDir
    Path temp;

    @Test
    void itsBuiltInIsReachableWithoutConfiguration() throws Exception {
        assertThat(Files.exists(temp.resolve("marble.json"))).isFalse();
        try (Marble marble = Marble.start(new Environment(Map.of(), temp, temp), warning -> {})) {
            ModelRef ref = marble.resolver().resolve("echo");
            assertThat(ref).isEqualTo(new ModelRef("echo", "plain"));
            assertThat(marble.availability(marble.catalog().find("echo").orElseThrow()))
                    .isEqualTo(Availability.yes("echoes"));

            var response = marble.model(marble.resolver().resolve("echo:loud"), List.of(), "r1")
                    .chat(ChatRequest.of(null, "hello"));
            assertThat(response.text()).isEqualTo("loud: hello");
            assertThat(response.cost()).isEqualTo(Cost.FREE); // its spec says local, like Marble's local servers
        }
    }

    @Test
    void itIsListedAfterMarblesOwnAndCannotTakeOverTheirNames() throws Exception {
        try (Marble marble = Marble.start(new Environment(Map.of(), temp, temp), warning -> {})) {
            List<String> names =
                    marble.catalog().all().stream().map(ProviderSpec::name).toList();
            assertThat(names)
                    .startsWith(
                            "anthropic",
                            "openai",
                            "gemini",
                            "claude-code",
                            "ollama",
                            "lmstudio",
                            "vllm",
                            "llamacpp",
                            "openrouter",
                            "scripted")
                    .endsWith("echo")
                    .containsOnlyOnce("anthropic");
            assertThat(marble.catalog().find("anthropic").orElseThrow().type()).isEqualTo("anthropic");
        }
    }
}
