package dev.marble.config;

import dev.marble.error.ConfigException;
import dev.marble.error.SourceLocation;
import dev.marble.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the effective {@link MarbleConfig}: environment variables over the project's
 * {@code marble.json} over llmauto's {@code config.json} beside {@code chains/} over the global
 * {@code config.json}. Each file is validated against {@link ConfigSchema}; a malformed one stops
 * with a located error, unknown keys only warn.
 */
public final class ConfigLoader {

    /** llmauto kept its settings in {@code config.json} in the folder that holds {@code chains/}. */
    public static final String LLMAUTO_FILE = "config.json";

    /** Environment variables that set configuration keys directly. */
    private static final Map<String, String> VARIABLE_KEYS = Map.of("MARBLE_MODEL", "default_model");

    private ConfigLoader() {}

    public static MarbleConfig load(Environment environment) {
        Path projectRoot = ProjectLocator.findRoot(environment.workingDirectory());
        List<ConfigLayer> layers = new ArrayList<>();
        List<ConfigWarning> warnings = new ArrayList<>();

        layers.add(environmentLayer(environment));
        Path projectFile = projectRoot.resolve(ProjectLocator.PROJECT_FILE);
        readFile("project config", projectFile).ifPresent(layer -> {
            warnings.addAll(ShapeValidator.validate(layer.document(), ConfigSchema.ROOT));
            layers.add(layer);
        });
        Path globalFile = environment.globalConfigDirectory().resolve("config.json");
        llmautoFile(environment.workingDirectory())
                .filter(file -> !same(file, projectFile) && !same(file, globalFile))
                .flatMap(file -> readFile("llmauto config", file))
                .ifPresent(layer -> {
                    warnings.add(new ConfigWarning(
                            SourceLocation.of(layer.document().file()),
                            "llmauto's config.json, read; marble.json is the place for these settings"));
                    warnings.addAll(ShapeValidator.validate(layer.document(), ConfigSchema.ROOT));
                    layers.add(layer);
                });
        if (!same(globalFile, projectFile)) {
            readFile("global config", globalFile).ifPresent(layer -> {
                warnings.addAll(ShapeValidator.validate(layer.document(), ConfigSchema.ROOT));
                layers.add(layer);
            });
        }
        return new MarbleConfig(layers, warnings, projectRoot);
    }

    /**
     * llmauto's {@code config.json} when {@code directory} is laid out as llmauto's package folder was (it holds
     * {@code chains/}), so an llmauto checkout's settings apply to its chains as they did there.
     */
    private static Optional<Path> llmautoFile(Path directory) {
        Path folder = directory.toAbsolutePath().normalize();
        Path file = folder.resolve(LLMAUTO_FILE);
        return Files.isDirectory(folder.resolve("chains")) && Files.isRegularFile(file)
                ? Optional.of(file)
                : Optional.empty();
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static Optional<ConfigLayer> readFile(String name, Path file) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        LocatedDocument document = LocatedDocumentReader.read(file, LocatedDocumentReader.Format.JSON);
        if (!document.root().isObject()) {
            throw new ConfigException(
                    document.valueAt(JsonPointer.empty(), null),
                    "expected a JSON object at the top level, got " + ShapeValidator.describe(document.root()));
        }
        return Optional.of(ConfigLayer.ofFile(name, document));
    }

    private static ConfigLayer environmentLayer(Environment environment) {
        ObjectNode root = Json.object();
        Map<JsonPointer, String> names = new HashMap<>();
        VARIABLE_KEYS.forEach((variable, key) -> environment.get(variable).ifPresent(value -> {
            root.put(key, value);
            names.put(MarbleConfig.pointer(key), variable);
        }));
        LocatedDocument document = new LocatedDocument(null, root, Map.of(), Map.of());
        return new ConfigLayer("environment", document, names);
    }
}
