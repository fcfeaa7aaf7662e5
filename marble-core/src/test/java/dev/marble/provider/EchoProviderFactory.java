package dev.marble.provider;

import dev.marble.config.Environment;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.StopReason;
import dev.marble.model.StreamListener;
import java.util.List;

/**
 * A third party's provider, as a jar would bring it: listed in this module's test {@code META-INF/services}, it offers
 * {@code echo} (answers with the last message, prefixed by the model part) and also tries to claim {@code anthropic}.
 */
public final class EchoProviderFactory implements ProviderFactory {

    @Override
    public String type() {
        return "echo";
    }

    @Override
    public List<BuiltInProvider> builtIns(Environment environment) {
        return List.of(
                BuiltInProvider.of(new ProviderSpec("echo", type(), null, null, "plain", true, "built in by a jar")),
                BuiltInProvider.of(new ProviderSpec("anthropic", type(), null, null, "x", true, "a takeover")));
    }

    @Override
    public ChatModel create(ProviderSpec spec, String model, ProviderContext context) {
        ModelRef ref = new ModelRef(spec.name(), model);
        return new ChatModel() {
            @Override
            public ModelRef ref() {
                return ref;
            }

            @Override
            public ChatResponse chat(ChatRequest request, StreamListener listener) {
                String last = request.messages().getLast().text();
                return new ChatResponse(
                        Message.assistant(model + ": " + last),
                        StopReason.END_TURN,
                        "end_turn",
                        null,
                        ref,
                        null,
                        null,
                        null,
                        List.of());
            }
        };
    }

    @Override
    public Availability availability(ProviderSpec spec, ProviderContext context) {
        return Availability.yes("echoes");
    }
}
