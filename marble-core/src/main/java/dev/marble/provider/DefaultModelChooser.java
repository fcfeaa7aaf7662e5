package dev.marble.provider;

import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import dev.marble.config.Setting;
import dev.marble.error.NoModelException;
import dev.marble.model.ModelRef;
import java.util.List;
import java.util.Optional;

/**
 * Picks the model when a command names none, most specific first: the command's flag,
 * {@code MARBLE_MODEL}, the project's {@code default_model}, the global one, then what this
 * machine offers (an Anthropic key, an OpenAI key, the Claude Code CLI, a running Ollama).
 */
public final class DefaultModelChooser {

    /** The model chosen and why, for {@code marble models} and the pipe's header line. */
    public record Choice(ModelRef ref, String source) {}

    private final MarbleConfig config;
    private final Environment environment;
    private final ModelResolver resolver;
    private final ProviderCatalog catalog;
    private final OllamaModels ollama;

    public DefaultModelChooser(
            MarbleConfig config,
            Environment environment,
            ModelResolver resolver,
            ProviderCatalog catalog,
            OllamaModels ollama) {
        this.config = config;
        this.environment = environment;
        this.resolver = resolver;
        this.catalog = catalog;
        this.ollama = ollama;
    }

    public Choice choose(String flagValue) {
        return find(flagValue)
                .orElseThrow(() -> new NoModelException(
                        "no model to use: pass -m provider:model, set MARBLE_MODEL, set default_model in "
                                + config.projectRoot().resolve("marble.json") + " or "
                                + environment.globalConfigDirectory().resolve("config.json")
                                + ", set ANTHROPIC_API_KEY, OPENAI_API_KEY or GEMINI_API_KEY,"
                                + " put the Claude Code CLI (claude) on PATH,"
                                + " or start Ollama on 127.0.0.1:11434; to try Marble offline run"
                                + " ./marble pipe -m scripted:examples/hello/replies.yaml \"Say hello\""));
    }

    public Optional<Choice> find(String flagValue) {
        if (flagValue != null && !flagValue.isBlank()) {
            return Optional.of(new Choice(resolver.resolve(flagValue), "command line"));
        }
        Optional<Setting<String>> configured = config.defaultModel();
        if (configured.isPresent()) {
            Setting<String> setting = configured.get();
            return Optional.of(new Choice(resolver.resolve(setting.value(), setting.location()), setting.source()));
        }
        return offeredByMachine();
    }

    private Optional<Choice> offeredByMachine() {
        if (environment.get("ANTHROPIC_API_KEY").isPresent()) {
            return Optional.of(new Choice(resolver.resolve("anthropic"), "ANTHROPIC_API_KEY is set"));
        }
        if (environment.get("OPENAI_API_KEY").isPresent()) {
            return Optional.of(new Choice(resolver.resolve("openai"), "OPENAI_API_KEY is set"));
        }
        for (String geminiKey : List.of("GEMINI_API_KEY", "GOOGLE_API_KEY")) {
            if (environment.get(geminiKey).isPresent()) {
                return Optional.of(new Choice(resolver.resolve("gemini"), geminiKey + " is set"));
            }
        }
        String command = config.textOrDefault("claude_code.command", "claude").value();
        if (environment.findExecutable(command).isPresent()) {
            return Optional.of(new Choice(new ModelRef("claude-code", "sonnet"), "claude is on PATH"));
        }
        return catalog.find("ollama")
                .flatMap(spec -> ollama.firstModel(spec.baseUrl()))
                .map(model -> new Choice(new ModelRef("ollama", model), "Ollama is running"));
    }
}
