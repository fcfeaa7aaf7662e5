package dev.marble.provider.scripted;

import dev.marble.config.Environment;
import dev.marble.model.ModelRef;
import dev.marble.provider.Availability;
import dev.marble.provider.BuiltInProvider;
import dev.marble.provider.ChatModel;
import dev.marble.provider.ProviderContext;
import dev.marble.provider.ProviderFactory;
import dev.marble.provider.ProviderSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code scripted:FILE}: the model part is a replay file, relative to the working directory. Within one Marble
 * session every model made from one file takes its replies in turn from one position, so a chain whose links
 * all name the same replay gets its replies in order, link after link (each link makes a model of its own).
 */
public final class ScriptedProviderFactory implements ProviderFactory {

    /** A loaded replay and how far it has been played; keyed by the file and its modification, so an edit starts over.
     * */
    private record Replay(ScriptFile script, AtomicInteger position) {}

    private final Map<String, Replay> replays = new ConcurrentHashMap<>();

    @Override
    public String type() {
        return "scripted";
    }

    @Override
    public List<BuiltInProvider> builtIns(Environment env) {
        return List.of(new BuiltInProvider(
                new ProviderSpec("scripted", type(), null, null, null, true, BuiltInProvider.ORIGIN), 90));
    }

    @Override
    public ChatModel create(ProviderSpec spec, String model, ProviderContext context) {
        Path file = context.environment()
                .workingDirectory()
                .resolve(model)
                .toAbsolutePath()
                .normalize();
        Replay replay = replays.computeIfAbsent(key(file), k -> {
            ScriptFile script = ScriptFile.load(file);
            // once per version of the file, as the file is read once
            script.warnings().forEach(warning -> context.notes().accept("warning: " + warning));
            return new Replay(script, new AtomicInteger());
        });
        return new ScriptedChatModel(new ModelRef(spec.name(), model), replay.script(), replay.position());
    }

    private static String key(Path file) {
        try {
            return file + "@" + Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
        } catch (IOException missing) {
            return file.toString(); // ScriptFile.load reports it
        }
    }

    @Override
    public Availability availability(ProviderSpec spec, ProviderContext context) {
        return Availability.yes("replays replies from a file (scripted:FILE)");
    }
}
