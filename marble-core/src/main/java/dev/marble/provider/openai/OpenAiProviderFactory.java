package dev.marble.provider.openai;

import dev.marble.model.ModelRef;
import dev.marble.provider.Availability;
import dev.marble.provider.ChatModel;
import dev.marble.provider.ProviderContext;
import dev.marble.provider.ProviderFactory;
import dev.marble.provider.ProviderSpec;
import dev.marble.provider.UnavailableChatModel;
import dev.marble.provider.http.LoopbackProbe;

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

    @Override
    public ChatModel create(ProviderSpec spec, String model, ProviderContext context) {
        ModelRef ref = new ModelRef(spec.name(), model);
        Optional<String> key = spec.apiKeyEnv() == null ? Optional.empty() : context.environment().get(spec.apiKeyEnv());
        key.ifPresent(value -> context.redactor().register(spec.apiKeyEnv(), value));
        if (key.isEmpty() && needsKey(spec)) {
            return new UnavailableChatModel(ref, spec.apiKeyEnv() == null
                    ? "provider " + spec.name() + " names no api_key_env"
                    : spec.apiKeyEnv() + " is not set; set it to your API key, or choose another model");
        }
        return new OpenAiChatModel(ref, spec.baseUrl(), key.orElse(null), context.http(), context.defaultTimeout());
    }

    @Override
    public Availability availability(ProviderSpec spec, ProviderContext context) {
        boolean keySet = spec.apiKeyEnv() != null && context.environment().get(spec.apiKeyEnv()).isPresent();
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
