package dev.marble.cli;

import dev.marble.local.LocalProviderFactory;
import dev.marble.provider.ProviderFactory;
import dev.marble.provider.anthropic.AnthropicProviderFactory;
import dev.marble.provider.claudecode.ClaudeCodeProviderFactory;
import dev.marble.provider.gemini.GeminiProviderFactory;
import dev.marble.provider.openai.OpenAiProviderFactory;
import dev.marble.provider.scripted.ScriptedProviderFactory;
import dev.marble.provider.vertex.VertexProviderFactory;
import java.util.List;

/**
 * The provider factories on the command line's class path, which its launcher fixes (Marble's jar alone): declared to
 * {@link dev.marble.provider.ProviderCatalog#declareFactories} so that no command searches the jar's service files
 * for them. In the order the jar's service file lists them; {@code CliProvidersTest} holds the two together.
 */
final class CliProviders {

    private CliProviders() {}

    static List<ProviderFactory> all() {
        return List.of(
                new AnthropicProviderFactory(),
                new OpenAiProviderFactory(),
                new GeminiProviderFactory(),
                new ClaudeCodeProviderFactory(),
                new ScriptedProviderFactory(),
                new VertexProviderFactory(),
                new LocalProviderFactory());
    }
}
