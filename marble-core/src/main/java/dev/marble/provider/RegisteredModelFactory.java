package dev.marble.provider;

import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.ModelRef;
import dev.marble.model.StreamListener;
import java.util.Objects;

/**
 * The factory behind a {@link ChatModel} instance registered in code under a provider name: whatever model
 * part a reference names ({@code name:default}, {@code name:anything}), it hands out that one instance (named as
 * requested), which the
 * caller then wraps (pricing, retries, events) like any provider's model.
 */
final class RegisteredModelFactory implements ProviderFactory {

    /** The type such specs carry; no configured provider can reach an instance through it. */
    static final String TYPE = "instance";

    private final ChatModel model;

    RegisteredModelFactory(ChatModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The instance, answering to the reference it was asked for, so events and the journal show what was requested. */
    @Override
    public ChatModel create(ProviderSpec spec, String modelName, ProviderContext context) {
        ModelRef requested = new ModelRef(spec.name(), modelName);
        return new ChatModel() {
            @Override
            public ModelRef ref() {
                return requested;
            }

            @Override
            public ChatResponse chat(ChatRequest request, StreamListener listener) {
                return model.chat(request, listener);
            }
        };
    }

    @Override
    public Availability availability(ProviderSpec spec, ProviderContext context) {
        return Availability.yes("a model registered in code");
    }
}
