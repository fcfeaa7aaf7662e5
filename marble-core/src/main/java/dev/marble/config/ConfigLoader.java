package dev.marble.config;

import dev.marble.error.ConfigException;
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
 * {@code marble.json} over the global {@code config.json}. Each file is validated against
 * {@link ConfigSchema}; a malformed one stops with a located error, unknown keys only warn.
 */
public final class ConfigLoader {

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
        if (!globalFile
                .toAbsolutePath()
                .normalize()
                .equals(projectFile.toAbsolutePath().normalize())) {
            readFile("global config", globalFile).ifPresent(layer -> {
                warnings.addAll(ShapeValidator.validate(layer.document(), ConfigSchema.ROOT));
                layers.add(layer);
            });
        }
        return new MarbleConfig(layers, warnings, projectRoot);
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
