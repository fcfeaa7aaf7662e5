package dev.marble.provider.gemini;

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
import java.util.stream.Stream;

/**
 * Google's Gemini API ({@code gemini:gemini-2.5-flash}, or a bare {@code gemini-...} id). The key comes from the
 * spec's {@code api_key_env} ({@code GEMINI_API_KEY} for the built-in provider), else from {@code GOOGLE_API_KEY},
 * the two names Google's own SDKs read. The base URL comes from {@code GEMINI_BASE_URL} or
 * {@code GOOGLE_GEMINI_BASE_URL} when set, or from the {@code providers} section of marble.json.
 */
public final class GeminiProviderFactory implements ProviderFactory {

    public static final String OFFICIAL_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";

    /** The other variable Google's SDKs take the key from, read when the spec's own is not set. */
    static final String FALLBACK_KEY_ENV = "GOOGLE_API_KEY";

    private static final List<String> BASE_URL_ENVS = List.of("GEMINI_BASE_URL", "GOOGLE_GEMINI_BASE_URL");

    @Override
    public String type() {
        return "gemini";
    }

    @Override
    public List<BuiltInProvider> builtIns(Environment env) {
        Optional<String> baseEnv =
                BASE_URL_ENVS.stream().filter(name -> env.get(name).isPresent()).findFirst();
        String origin = BuiltInProvider.ORIGIN
                + baseEnv.map(name -> ", base URL from " + name).orElse("");
        String base = baseEnv.flatMap(env::get).orElse(OFFICIAL_BASE_URL);
        return List.of(new BuiltInProvider(
                new ProviderSpec("gemini", type(), base, "GEMINI_API_KEY", "gemini-2.5-flash", false, origin), 25));
    }

    @Override
    public ChatModel create(ProviderSpec spec, String model, ProviderContext context) {
        ModelRef ref = new ModelRef(spec.name(), model);
        Optional<KeyFrom> key = key(spec, context);
        key.ifPresent(found -> context.redactor().register(found.variable(), found.value()));
        if (key.isEmpty() && needsKey(spec)) {
            return new UnavailableChatModel(
                    ref, missingKey(spec) + "; set it to your API key, or choose another model");
        }
        return new GeminiChatModel(
                ref,
                spec.baseUrl(),
                key.map(KeyFrom::value).orElse(null),
                context.http(),
                context.defaultTimeout(),
                context.redactor());
    }

    @Override
    public Availability availability(ProviderSpec spec, ProviderContext context) {
        Optional<KeyFrom> key = key(spec, context);
        if (key.isPresent()) return Availability.yes(key.get().variable() + " is set");
        if (!needsKey(spec)) {
            return LoopbackProbe.listening(spec.baseUrl(), 300)
                    ? Availability.yes("server answers at " + spec.baseUrl())
                    : Availability.no("nothing listens at " + spec.baseUrl());
        }
        return Availability.no(missingKey(spec));
    }

    private record KeyFrom(String variable, String value) {}

    private static Optional<KeyFrom> key(ProviderSpec spec, ProviderContext context) {
        return Stream.of(spec.apiKeyEnv(), FALLBACK_KEY_ENV)
                .filter(name -> name != null)
                .flatMap(name -> context.environment().get(name).stream().map(value -> new KeyFrom(name, value)))
                .findFirst();
    }

    private static boolean needsKey(ProviderSpec spec) {
        return spec.baseUrl() == null || !LoopbackProbe.isLoopback(spec.baseUrl());
    }

    private static String missingKey(ProviderSpec spec) {
        return spec.apiKeyEnv() == null || spec.apiKeyEnv().equals(FALLBACK_KEY_ENV)
                ? FALLBACK_KEY_ENV + " is not set"
                : spec.apiKeyEnv() + " (or " + FALLBACK_KEY_ENV + ") is not set";
    }
}
