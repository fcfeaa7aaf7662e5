package dev.marble.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.config.ConfigLoader;
import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in providers exactly as {@code marble models}, {@code marble config} and error messages list them: order,
 * every field and the origin text, with and without the environment variables that move their base URLs.
 */
class ProviderCatalogTest {

    @TempDir
    Path temp;

    private ProviderCatalog catalog(Map<String, String> variables) {
        Environment env = new Environment(variables, temp, temp);
        MarbleConfig config = ConfigLoader.load(env);
        return ProviderCatalog.load(config, env);
    }

    @Test
    void theBuiltInsInTheirListedOrder() {
        assertThat(catalog(Map.of()).all())
                .startsWith(
                        new ProviderSpec(
                                "anthropic",
                                "anthropic",
                                "https://api.anthropic.com",
                                "ANTHROPIC_API_KEY",
                                "claude-sonnet-4-6",
                                false,
                                "built in"),
                        new ProviderSpec(
                                "openai",
                                "openai",
                                "https://api.openai.com/v1",
                                "OPENAI_API_KEY",
                                "gpt-4.1-mini",
                                false,
                                "built in"),
                        new ProviderSpec(
                                "gemini",
                                "gemini",
                                "https://generativelanguage.googleapis.com/v1beta",
                                "GEMINI_API_KEY",
                                "gemini-2.5-flash",
                                false,
                                "built in"),
                        new ProviderSpec("claude-code", "claude-code", null, null, "sonnet", false, "built in"),
                        new ProviderSpec("ollama", "openai", "http://127.0.0.1:11434/v1", null, null, true, "built in"),
                        new ProviderSpec(
                                "lmstudio", "openai", "http://127.0.0.1:1234/v1", null, null, true, "built in"),
                        new ProviderSpec("vllm", "openai", "http://127.0.0.1:8000/v1", null, null, true, "built in"),
                        new ProviderSpec(
                                "llamacpp", "openai", "http://127.0.0.1:8080/v1", null, null, true, "built in"),
                        new ProviderSpec(
                                "openrouter",
                                "openai",
                                "https://openrouter.ai/api/v1",
                                "OPENROUTER_API_KEY",
                                null,
                                false,
                                "built in"),
                        new ProviderSpec("scripted", "scripted", null, null, null, true, "built in"));
    }

    @Test
    void baseUrlsFromTheEnvironmentSayWhereTheyCameFrom() {
        ProviderCatalog catalog = catalog(Map.of(
                "ANTHROPIC_BASE_URL",
                "http://127.0.0.1:9/a",
                "OPENAI_BASE_URL",
                "http://127.0.0.1:9/o",
                "OLLAMA_HOST",
                "0.0.0.0"));
        assertThat(catalog.find("anthropic"))
                .contains(new ProviderSpec(
                        "anthropic",
                        "anthropic",
                        "http://127.0.0.1:9/a",
                        "ANTHROPIC_API_KEY",
                        "claude-sonnet-4-6",
                        false,
                        "built in, base URL from ANTHROPIC_BASE_URL"));
        assertThat(catalog.find("openai"))
                .contains(new ProviderSpec(
                        "openai",
                        "openai",
                        "http://127.0.0.1:9/o",
                        "OPENAI_API_KEY",
                        "gpt-4.1-mini",
                        false,
                        "built in, base URL from OPENAI_BASE_URL"));
        assertThat(catalog.find("ollama"))
                .contains(new ProviderSpec(
                        "ollama",
                        "openai",
                        "http://127.0.0.1:11434/v1",
                        null,
                        null,
                        true,
                        "built in, host from OLLAMA_HOST"));
    }

    @Test
    void ollamaHostIsReadAsOllamaReadsIt() {
        assertThat(catalog(Map.of("OLLAMA_HOST", "gpu-box"))
                        .find("ollama")
                        .orElseThrow()
                        .baseUrl())
                .isEqualTo("http://gpu-box:11434/v1");
        assertThat(catalog(Map.of("OLLAMA_HOST", "gpu-box:9000/"))
                        .find("ollama")
                        .orElseThrow()
                        .baseUrl())
                .isEqualTo("http://gpu-box:9000/v1");
        assertThat(catalog(Map.of("OLLAMA_HOST", "https://ollama.example"))
                        .find("ollama")
                        .orElseThrow()
                        .baseUrl())
                .isEqualTo("https://ollama.example:11434/v1");
    }
}
