package dev.marble.provider.scripted;

import dev.marble.model.ModelRef;
import dev.marble.provider.Availability;
import dev.marble.provider.ChatModel;
import dev.marble.provider.ProviderContext;
import dev.marble.provider.ProviderFactory;
import dev.marble.provider.ProviderSpec;

import java.nio.file.Path;

/** {@code scripted:FILE}: the model part is a replay file, relative to the working directory. */
public final class ScriptedProviderFactory implements ProviderFactory {

    @Override
    public String type() {
        return "scripted";
    }

    @Override
    public ChatModel create(ProviderSpec spec, String model, ProviderContext context) {
        Path file = context.environment().workingDirectory().resolve(model);
        return new ScriptedChatModel(new ModelRef(spec.name(), model), ScriptFile.load(file));
    }

    @Override
    public Availability availability(ProviderSpec spec, ProviderContext context) {
        return Availability.yes("replays replies from a file (scripted:FILE)");
    }
}
