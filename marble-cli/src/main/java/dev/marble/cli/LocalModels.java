package dev.marble.cli;

import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import dev.marble.config.Setting;
import dev.marble.json.Json;
import dev.marble.local.LocalPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The GGUF models this machine has for the {@code local} provider: those named under {@code local.models} in
 * configuration, and the files {@code marble models pull} put in the models folder, each with the reference that
 * runs it ({@code local:NAME}, or {@code local:} and its path inside the models folder).
 */
record LocalModels(Path folder, List<Model> models) {

    /** How deep the models folder is searched: pull writes OWNER/REPO/FILE, and a person may add a level. */
    private static final int DEPTH = 5;

    /**
     * @param from       "configured" (local.models) or "pulled" (found in the models folder)
     * @param sizeBytes  the file's size; null when it is not there
     */
    record Model(String name, Path path, Long sizeBytes, String from) {
        String reference() {
            return "local:" + name;
        }
    }

    static LocalModels find(MarbleConfig config, Environment environment) {
        Path folder = LocalPaths.modelsDir(config, environment);
        List<Model> models = new ArrayList<>();
        for (Map.Entry<String, Setting<JsonNode>> entry :
                config.entries("local.models").entrySet()) {
            Setting<JsonNode> setting = entry.getValue();
            Path base = setting.location() == null || setting.location().file() == null
                    ? environment.workingDirectory()
                    : setting.location().file().getParent();
            Path path = base.resolve(expandHome(Json.text(setting.value(), "path", ""), environment))
                    .normalize();
            models.add(new Model(entry.getKey(), path, size(path), "configured"));
        }
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.walk(folder, DEPTH)) {
                files.filter(file -> file.getFileName().toString().endsWith(".gguf") && Files.isRegularFile(file))
                        .sorted()
                        .forEach(file ->
                                models.add(new Model(folder.relativize(file).toString(), file, size(file), "pulled")));
            } catch (IOException | UncheckedIOException unreadable) {
                // A folder that cannot be read lists what could be; models shows where it looked.
            }
        }
        return new LocalModels(folder, List.copyOf(models));
    }

    private static String expandHome(String path, Environment environment) {
        String trimmed = path.strip();
        if (trimmed.equals("~")) return environment.home().toString();
        if (trimmed.startsWith("~/"))
            return environment.home().resolve(trimmed.substring(2)).toString();
        return trimmed;
    }

    private static Long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
