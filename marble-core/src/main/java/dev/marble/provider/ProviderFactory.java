package dev.marble.provider;

/**
 * Creates models for one provider type. Implementations are found with {@link java.util.ServiceLoader},
 * so a provider in another module (a local in-process model, say) plugs in by being on the class path.
 */
public interface ProviderFactory {

    /** The protocol this factory speaks, as written in configuration: {@code anthropic}, {@code openai}, … */
    String type();

    ChatModel create(ProviderSpec spec, String model, ProviderContext context);

    /** Cheap check, for {@code marble models} and automatic model choice; may probe loopback servers briefly. */
    Availability availability(ProviderSpec spec, ProviderContext context);
}
