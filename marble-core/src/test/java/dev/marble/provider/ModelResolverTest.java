package dev.marble.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.marble.config.ConfigLoader;
import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import dev.marble.error.ConfigException;
import dev.marble.error.UsageException;
import dev.marble.model.ModelRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelResolverTest {

    @TempDir
    Path temp;

    private ModelResolver resolver(String projectJson) throws IOException {
        if (projectJson != null) Files.writeString(temp.resolve("marble.json"), projectJson);
        Environment env = new Environment(Map.of(), temp, temp);
        MarbleConfig config = ConfigLoader.load(env);
        return new ModelResolver(ProviderCatalog.load(config, env), config);
    }

    @Test
    void providerAndModel() throws IOException {
        assertThat(resolver(null).resolve("anthropic:claude-sonnet-4-6"))
                .isEqualTo(new ModelRef("anthropic", "claude-sonnet-4-6"));
        assertThat(resolver(null).resolve("ollama:qwen3:8b")).isEqualTo(new ModelRef("ollama", "qwen3:8b"));
    }

    @Test
    void bareClaudeIdsMeanTheClaudeCodeCliAsInLlmauto() throws IOException {
        assertThat(resolver(null).resolve("claude-opus-4-6")).isEqualTo(new ModelRef("claude-code", "claude-opus-4-6"));
        assertThat(resolver(null).resolve("claude-haiku-4-5-20251001"))
                .isEqualTo(new ModelRef("claude-code", "claude-haiku-4-5-20251001"));
    }

    @Test
    void bareOpenAiIdsMeanTheOpenAiApiAsLlmLoopWritesThem() throws IOException {
        assertThat(resolver(null).resolve("gpt-4o-mini")).isEqualTo(new ModelRef("openai", "gpt-4o-mini"));
        assertThat(resolver(null).resolve("o3")).isEqualTo(new ModelRef("openai", "o3"));
        assertThat(resolver(null).resolve("chatgpt-4o-latest")).isEqualTo(new ModelRef("openai", "chatgpt-4o-latest"));
    }

    @Test
    void bareGeminiIdsMeanTheGeminiApiAsLlmProcProgramsWriteThem() throws IOException {
        assertThat(resolver(null).resolve("gemini-2.5-flash")).isEqualTo(new ModelRef("gemini", "gemini-2.5-flash"));
        assertThat(resolver(null).resolve("gemini:gemini-2.5-pro")).isEqualTo(new ModelRef("gemini", "gemini-2.5-pro"));
        assertThat(resolver(null).resolve("gemini")).isEqualTo(new ModelRef("gemini", "gemini-2.5-flash"));
    }

    @Test
    void builtInAndConfiguredAliases() throws IOException {
        ModelResolver resolver = resolver("""
                {"aliases": {"fast": "cheap", "cheap": "openai:gpt-4.1-nano", "sonnet": "anthropic:claude-sonnet-4-6"}}""");
        assertThat(resolver.resolve("opus")).isEqualTo(new ModelRef("claude-code", "opus"));
        assertThat(resolver.resolve("fast")).isEqualTo(new ModelRef("openai", "gpt-4.1-nano"));
        assertThat(resolver.resolve("sonnet")).isEqualTo(new ModelRef("anthropic", "claude-sonnet-4-6"));
    }

    @Test
    void providerAloneMeansItsDefaultModel() throws IOException {
        assertThat(resolver(null).resolve("anthropic")).isEqualTo(new ModelRef("anthropic", "claude-sonnet-4-6"));
        assertThatThrownBy(() -> resolver(null).resolve("ollama"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("write ollama:MODEL");
    }

    @Test
    void configuredCompatibleServersAreProviders() throws IOException {
        ModelResolver resolver = resolver("""
                {"providers": {"lab": {"type": "openai", "base_url": "http://127.0.0.1:9/v1", "default_model": "m1"}}}""");
        assertThat(resolver.resolve("lab:m2")).isEqualTo(new ModelRef("lab", "m2"));
        assertThat(resolver.resolve("lab")).isEqualTo(new ModelRef("lab", "m1"));
    }

    @Test
    void unknownNamesListWhatIsKnown() throws IOException {
        assertThatThrownBy(() -> resolver(null).resolve("antropic:claude-x"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown provider 'antropic'")
                .hasMessageContaining("anthropic, openai");
        assertThatThrownBy(() -> resolver(null).resolve("gpt4"))
                .hasMessageContaining("unknown model 'gpt4'")
                .hasMessageContaining("opus");
    }

    @Test
    void aliasLoopsAreReported() throws IOException {
        ModelResolver resolver = resolver("{\"aliases\": {\"a\": \"b\", \"b\": \"a\"}}");
        assertThatThrownBy(() -> resolver.resolve("a")).hasMessageContaining("refers to itself");
    }

    @Test
    void aProblemFromAFileIsReportedAtItsLocation() throws IOException {
        Files.writeString(temp.resolve("marble.json"), "{\n  \"default_model\": \"nope:x\"\n}");
        Environment env = new Environment(Map.of(), temp, temp);
        MarbleConfig config = ConfigLoader.load(env);
        ModelResolver resolver = new ModelResolver(ProviderCatalog.load(config, env), config);
        var setting = config.defaultModel().orElseThrow();
        assertThatThrownBy(() -> resolver.resolve(setting.value(), setting.location()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(temp.resolve("marble.json") + ":2:20: default_model: unknown provider 'nope'");
    }
}
