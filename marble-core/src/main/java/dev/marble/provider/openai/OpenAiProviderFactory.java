package dev.marble.provider.openai;

import dev.marble.config.Environment;
import dev.marble.model.ModelRef;
import dev.marble.provider.Availability;
import dev.marble.provider.BuiltInProvider;
import dev.marble.provider.ChatModel;
import dev.marble.provider.ProviderContext;
import dev.marble.provider.ProviderFactory;
import dev.marble.provider.ProviderSpec;
import dev.marble.provider.UnavailableChatModel;
import dev.marble.provider.http.LoopbackProbe;
import java.util.List;
import java.util.Optional;

/**
 * OpenAI and every server that speaks Chat Completions. Servers on this machine (Ollama, vLLM,
 * llama.cpp, LM Studio) need no key; remote ones do, from the spec's {@code api_key_env}.
 */
public final class OpenAiProviderFactory implements ProviderFactory {

    public static final String OFFICIAL_BASE_URL = "https://api.openai.com/v1";

    @Override
    public String type() {
        return "openai";
    }

    /**
     * {@code openai} (at {@code OPENAI_BASE_URL} when set), the servers people run on their own machine at their
     * usual ports (Ollama where {@code OLLAMA_HOST} says), and OpenRouter. Listed with {@code claude-code} between
     * OpenAI and the local servers, as Marble always listed them.
     */
    @Override
    public List<BuiltInProvider> builtIns(Environment env) {
        Optional<String> base = env.get("OPENAI_BASE_URL");
        String origin = BuiltInProvider.ORIGIN;
        String openAiOrigin = origin + (base.isPresent() ? ", base URL from OPENAI_BASE_URL" : "");
        return List.of(
                new BuiltInProvider(
                        new ProviderSpec(
                                "openai",
                                type(),
                                base.orElse(OFFICIAL_BASE_URL),
                                "OPENAI_API_KEY",
                                "gpt-4.1-mini",
                                false,
                                openAiOrigin),
                        20),
                new BuiltInProvider(
                        new ProviderSpec(
                                "ollama",
                                type(),
                                ollamaBase(env),
                                null,
                                null,
                                true,
                                env.get("OLLAMA_HOST").isPresent() ? origin + ", host from OLLAMA_HOST" : origin),
                        40),
                new BuiltInProvider(localServer("lmstudio", "http://127.0.0.1:1234/v1"), 50),
                new BuiltInProvider(localServer("vllm", "http://127.0.0.1:8000/v1"), 60),
                new BuiltInProvider(localServer("llamacpp", "http://127.0.0.1:8080/v1"), 70),
                new BuiltInProvider(
                        new ProviderSpec(
                                "openrouter",
                                type(),
                                "https://openrouter.ai/api/v1",
                                "OPENROUTER_API_KEY",
                                null,
                                false,
                                origin),
                        80));
    }

    private ProviderSpec localServer(String name, String baseUrl) {
        return new ProviderSpec(name, type(), baseUrl, null, null, true, BuiltInProvider.ORIGIN);
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

    @Override
    public ChatModel create(ProviderSpec spec, String model, ProviderContext context) {
        ModelRef ref = new ModelRef(spec.name(), model);
        Optional<String> key = spec.apiKeyEnv() == null
                ? Optional.empty()
                : context.environment().get(spec.apiKeyEnv());
        key.ifPresent(value -> context.redactor().register(spec.apiKeyEnv(), value));
        if (key.isEmpty() && needsKey(spec)) {
            return new UnavailableChatModel(
                    ref,
                    spec.apiKeyEnv() == null
                            ? "provider " + spec.name() + " names no api_key_env"
                            : spec.apiKeyEnv() + " is not set; set it to your API key, or choose another model");
        }
        return new OpenAiChatModel(ref, spec.baseUrl(), key.orElse(null), context.http(), context.defaultTimeout());
    }

    @Override
    public Availability availability(ProviderSpec spec, ProviderContext context) {
        boolean keySet = spec.apiKeyEnv() != null
                && context.environment().get(spec.apiKeyEnv()).isPresent();
        if (LoopbackProbe.isLoopback(spec.baseUrl())) {
            return LoopbackProbe.listening(spec.baseUrl(), 300)
                    ? Availability.yes("server answers at " + spec.baseUrl())
                    : Availability.no("nothing listens at " + spec.baseUrl());
        }
        if (keySet) return Availability.yes(spec.apiKeyEnv() + " is set");
        return Availability.no(spec.apiKeyEnv() == null ? "names no api_key_env" : spec.apiKeyEnv() + " is not set");
    }

    private static boolean needsKey(ProviderSpec spec) {
        return !LoopbackProbe.isLoopback(spec.baseUrl());
    }
}
