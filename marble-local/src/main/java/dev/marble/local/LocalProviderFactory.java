package dev.marble.local;

import dev.marble.config.Environment;
import dev.marble.model.ModelRef;
import dev.marble.provider.Availability;
import dev.marble.provider.BuiltInProvider;
import dev.marble.provider.ChatModel;
import dev.marble.provider.ProviderContext;
import dev.marble.provider.ProviderFactory;
import dev.marble.provider.ProviderSpec;
import dev.marble.provider.UnavailableChatModel;
import java.util.List;

/**
 * {@code local:MODEL}: a GGUF model run in this process by llama.cpp. Creating a model only finds its
 * file; the first call loads it (with a note on standard error), and it stays loaded for the rest of
 * the process, shared by every model made from the same file and settings.
 */
public final class LocalProviderFactory implements ProviderFactory {

    @Override
    public String type() {
        return "local";
    }

    /** {@code local:/path/model.gguf} or a name under {@code local.models}; listed after Marble's other built-ins. */
    @Override
    public List<BuiltInProvider> builtIns(Environment env) {
        return List.of(new BuiltInProvider(
                new ProviderSpec("local", type(), null, null, null, true, BuiltInProvider.ORIGIN), 100));
    }

    @Override
    public ChatModel create(ProviderSpec spec, String model, ProviderContext context) {
        ModelRef ref = new ModelRef(spec.name(), model);
        LocalModelSpec modelSpec;
        try {
            modelSpec = LocalModelSpec.resolve(model, context.config(), context.environment());
        } catch (LocalModelException e) {
            return new UnavailableChatModel(ref, e.getMessage());
        }
        var cacheHome = LocalPaths.cacheHome(context.environment());
        return new LocalChatModel(
                ref, () -> LoadedModels.get(modelSpec, cacheHome, context.notes()), context.defaultTimeout());
    }

    @Override
    public Availability availability(ProviderSpec spec, ProviderContext context) {
        String platform = NativeLlama.platformFolder();
        if (NativeLlama.class.getResource("/de/kherud/llama/" + platform + "/" + System.mapLibraryName("jllama"))
                == null) {
            return Availability.no("llama.cpp has no native library for " + platform);
        }
        int named = context.config().entries("local.models").size();
        return Availability.yes("GGUF models in-process (local:/path/model.gguf"
                + (named > 0 ? " or one of " + named + " in local.models" : "") + ")");
    }
}
