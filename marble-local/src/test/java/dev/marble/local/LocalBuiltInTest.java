package dev.marble.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.config.ConfigLoader;
import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import dev.marble.provider.ProviderCatalog;
import dev.marble.provider.ProviderSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With this module on the class path, {@code local} is a built-in provider, listed last as it always was. */
class LocalBuiltInTest {

    @TempDir
    Path temp;

    @Test
    void localIsOfferedByItsOwnFactoryAndListedLast() {
        Environment env = new Environment(Map.of(), temp, temp);
        MarbleConfig config = ConfigLoader.load(env);
        ProviderCatalog catalog = ProviderCatalog.load(config, env);

        assertThat(catalog.all())
                .last()
                .isEqualTo(new ProviderSpec("local", "local", null, null, null, true, "built in"));
        assertThat(catalog.all())
                .extracting(ProviderSpec::name)
                .containsExactly(
                        "anthropic",
                        "openai",
                        "gemini",
                        "claude-code",
                        "ollama",
                        "lmstudio",
                        "vllm",
                        "llamacpp",
                        "openrouter",
                        "scripted",
                        "vertex",
                        "anthropic_vertex",
                        "local");
        assertThat(catalog.factory(catalog.find("local").orElseThrow())).containsInstanceOf(LocalProviderFactory.class);
    }
}
