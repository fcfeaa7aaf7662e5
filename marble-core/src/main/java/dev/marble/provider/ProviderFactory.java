package dev.marble.provider;

import dev.marble.config.Environment;
import dev.marble.model.ModelRef;
import java.util.List;

/**
 * Creates models for one provider type. Implementations are found with {@link java.util.ServiceLoader}, so a provider
 * in another module (a local in-process model, say) plugs in by being on the class path; the providers it offers
 * without configuration ({@link #builtIns}) can then be named at once, as Marble's own are.
 */
public interface ProviderFactory {

    /** The protocol this factory speaks, as written in configuration: {@code anthropic}, {@code openai}, … */
    String type();

    ChatModel create(ProviderSpec spec, String model, ProviderContext context);

    /**
     * The model {@code ref} names; a factory whose provider reads {@link ModelRef#settings} (Vertex's project and
     * location) overrides this, the others ignore them.
     */
    default ChatModel create(ProviderSpec spec, ModelRef ref, ProviderContext context) {
        return create(spec, ref.model(), context);
    }

    /** Cheap check, for {@code marble models} and automatic model choice; may probe loopback servers briefly. */
    Availability availability(ProviderSpec spec, ProviderContext context);

    /**
     * The providers this factory offers by name without a marble.json entry, read from {@code environment} where
     * their official tools read settings (a base URL, a host). A configured provider of the same name replaces one.
     */
    default List<BuiltInProvider> builtIns(Environment environment) {
        return List.of();
    }
}
