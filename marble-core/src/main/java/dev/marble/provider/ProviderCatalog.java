package dev.marble.provider;

import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import dev.marble.config.Setting;
import dev.marble.json.Json;
import dev.marble.provider.anthropic.AnthropicProviderFactory;
import dev.marble.provider.openai.OpenAiProviderFactory;
import tools.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every provider a model reference can name: the built-in ones, with base URLs taken from the
 * environment as the official SDKs take them, and those configured under {@code providers} (which
 * may also redefine a built-in name). Factories are found with {@link ServiceLoader}.
 */
public final class ProviderCatalog {

    /** The model part a reference to a registered instance carries when the caller names none. */
    public static final String REGISTERED_DEFAULT_MODEL = "default";

    private final Map<String, ProviderSpec> specs;
    private final Map<String, ProviderFactory> factories;
    /** Factories of instances registered in code, by provider name; they win over {@link #factories} for that name. */
    private final Map<String, ProviderFactory> registered = new LinkedHashMap<>();

    private ProviderCatalog(Map<String, ProviderSpec> specs, Map<String, ProviderFactory> factories) {
        this.specs = specs;
        this.factories = factories;
    }

    public static ProviderCatalog load(MarbleConfig config, Environment environment) {
        Map<String, ProviderFactory> factories = new LinkedHashMap<>();
        for (ProviderFactory factory : ServiceLoader.load(ProviderFactory.class, ProviderCatalog.class.getClassLoader())) {
            factories.putIfAbsent(factory.type(), factory);
        }
        Map<String, ProviderSpec> specs = new LinkedHashMap<>();
        builtIns(environment).forEach(spec -> specs.put(spec.name(), spec));
        for (Map.Entry<String, Setting<JsonNode>> entry : config.entries("providers").entrySet()) {
            JsonNode node = entry.getValue().value();
            specs.put(entry.getKey(), new ProviderSpec(entry.getKey(), Json.text(node, "type"),
                    Json.text(node, "base_url"), Json.text(node, "api_key_env"), Json.text(node, "default_model"),
                    false, entry.getValue().source()));
        }
        return new ProviderCatalog(specs, factories);
    }

    private static List<ProviderSpec> builtIns(Environment env) {
        String anthropicBase = env.get("ANTHROPIC_BASE_URL").orElse(AnthropicProviderFactory.OFFICIAL_BASE_URL);
        String openAiBase = env.get("OPENAI_BASE_URL").orElse(OpenAiProviderFactory.OFFICIAL_BASE_URL);
        return List.of(
                new ProviderSpec("anthropic", "anthropic", anthropicBase, "ANTHROPIC_API_KEY", "claude-sonnet-4-6", false,
                        env.get("ANTHROPIC_BASE_URL").isPresent() ? "built in, base URL from ANTHROPIC_BASE_URL" : "built in"),
                new ProviderSpec("openai", "openai", openAiBase, "OPENAI_API_KEY", "gpt-4.1-mini", false,
                        env.get("OPENAI_BASE_URL").isPresent() ? "built in, base URL from OPENAI_BASE_URL" : "built in"),
                new ProviderSpec("claude-code", "claude-code", null, null, "sonnet", false, "built in"),
                new ProviderSpec("ollama", "openai", ollamaBase(env), null, null, true,
                        env.get("OLLAMA_HOST").isPresent() ? "built in, host from OLLAMA_HOST" : "built in"),
                new ProviderSpec("lmstudio", "openai", "http://127.0.0.1:1234/v1", null, null, true, "built in"),
                new ProviderSpec("vllm", "openai", "http://127.0.0.1:8000/v1", null, null, true, "built in"),
                new ProviderSpec("llamacpp", "openai", "http://127.0.0.1:8080/v1", null, null, true, "built in"),
                new ProviderSpec("openrouter", "openai", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY", null, false, "built in"),
                new ProviderSpec("scripted", "scripted", null, null, null, true, "built in"),
                // GGUF models run in this process by llama.cpp (module marble-local): local:/path/model.gguf or a
                // name under local.models; usable only where that module is on the class path.
                new ProviderSpec("local", "local", null, null, null, true, "built in"));
    }

    /** {@code OLLAMA_HOST} as Ollama reads it: {@code host}, {@code host:port} or a URL. */
    static String ollamaBase(Environment env) {
        String host = env.get("OLLAMA_HOST").orElse("127.0.0.1:11434").strip();
        if (host.endsWith("/")) host = host.substring(0, host.length() - 1);
        if (!host.contains("://")) host = "http://" + host;
        String afterScheme = host.substring(host.indexOf("://") + 3);
        if (!afterScheme.contains(":")) host = host + ":11434";
        return host.replace("://0.0.0.0", "://127.0.0.1") + "/v1";
    }

    /**
     * Makes {@code model} the provider called {@code name}: every reference {@code name:…} gets that instance. A
     * name already known (built in or configured) is replaced, as marble.json may redefine a built-in name, so
     * that a test can put its own model behind {@code anthropic}.
     *
     * @return the spec now registered under {@code name}
     */
    public synchronized ProviderSpec register(String name, ChatModel model) {
        if (name == null || name.isBlank() || !name.strip().equals(name) || name.contains(":")) {
            throw new IllegalArgumentException("a provider name is a non-blank word without ':' or spaces around it,"
                    + " got '" + name + "'");
        }
        ProviderSpec spec = new ProviderSpec(name, RegisteredModelFactory.TYPE, null, null, REGISTERED_DEFAULT_MODEL,
                false, "registered in code");
        registered.put(name, new RegisteredModelFactory(model));
        specs.put(name, spec);
        return spec;
    }

    public synchronized Optional<ProviderSpec> find(String name) {
        return Optional.ofNullable(specs.get(name));
    }

    public synchronized Collection<ProviderSpec> all() {
        return List.copyOf(specs.values());
    }

    public synchronized Optional<ProviderFactory> factory(ProviderSpec spec) {
        ProviderFactory instance = registered.get(spec.name());
        if (instance != null && spec.equals(specs.get(spec.name()))) return Optional.of(instance);
        return Optional.ofNullable(factories.get(spec.type()));
    }
}
