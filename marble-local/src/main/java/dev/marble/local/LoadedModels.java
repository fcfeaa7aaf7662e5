package dev.marble.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The models loaded in this process, one per file and settings. A model stays loaded until the process
 * ends (or {@link #closeAll()}), so the turns of a run, the links of a chain and the messages of a chat
 * reuse it and its prompt cache instead of loading it again.
 */
public final class LoadedModels {

    private static final Map<LocalModelSpec, LoadedModel> MODELS = new ConcurrentHashMap<>();

    private LoadedModels() {}

    static LoadedModel get(LocalModelSpec spec, Path cacheHome, Consumer<String> notes) {
        LoadedModel loaded = MODELS.get(spec);
        if (loaded != null) return loaded;
        synchronized (MODELS) {
            loaded = MODELS.get(spec);
            if (loaded != null) return loaded;
            GgufFile file = GgufFile.read(spec.path());
            NativeLlama.load(cacheHome);
            notes.accept(String.format(
                    Locale.ROOT,
                    "local: loading %s (%s, %s) from %s ...",
                    file.name(),
                    file.architecture(),
                    megabytes(spec.path()),
                    spec.path()));
            loaded = LoadedModel.load(spec, file);
            notes.accept(String.format(
                    Locale.ROOT,
                    "local: loaded %s in %.1f s (context %d tokens, %d thread%s%s)%s",
                    file.name(),
                    loaded.loadNanos() / 1e9,
                    loaded.contextSize(),
                    spec.threads(),
                    spec.threads() == 1 ? "" : "s",
                    spec.gpuLayers() > 0 ? ", " + spec.gpuLayers() + " layers on the GPU" : "",
                    file.chatTemplate().isPresent() ? "" : "; the file has no chat template, so ChatML is used"));
            MODELS.put(spec, loaded);
            return loaded;
        }
    }

    /** Frees every loaded model (a library user's clean-up; the CLI just exits). */
    public static void closeAll() {
        synchronized (MODELS) {
            MODELS.values().forEach(LoadedModel::close);
            MODELS.clear();
        }
    }

    private static String megabytes(Path path) {
        try {
            return String.format(Locale.ROOT, "%.1f MB", Files.size(path) / 1e6);
        } catch (IOException e) {
            return "size unknown";
        }
    }
}
