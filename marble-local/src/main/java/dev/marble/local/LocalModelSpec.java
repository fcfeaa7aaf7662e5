package dev.marble.local;

import dev.marble.config.Environment;
import dev.marble.config.MarbleConfig;
import dev.marble.config.Setting;
import dev.marble.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Which GGUF file a {@code local:MODEL} reference means, and how to load it. {@code MODEL} is a name
 * under {@code local.models} in configuration, else a path (absolute, {@code ~/…}, relative to the
 * working directory, or relative to the models folder that {@code marble models pull} fills).
 *
 * @param contextSize tokens of context; null: the model's trained length, at most 4096
 */
public record LocalModelSpec(Path path, Integer contextSize, int threads, int gpuLayers) {

    /** The most context Marble asks for when neither configuration nor the call says: memory grows with it. */
    static final int DEFAULT_CONTEXT_CAP = 4096;

    public static LocalModelSpec resolve(String model, MarbleConfig config, Environment environment) {
        Integer context =
                config.find("local.context_size").map(s -> s.value().asInt()).orElse(null);
        int threads = config.number("local.threads", 1).value().intValue();
        int gpuLayers = config.number("local.gpu_layers", 0).value().intValue();
        Map<String, Setting<JsonNode>> named = config.entries("local.models");
        Setting<JsonNode> entry = named.get(model);
        if (entry != null) {
            JsonNode node = entry.value();
            Path base = entry.location() == null || entry.location().file() == null
                    ? environment.workingDirectory()
                    : entry.location().file().getParent();
            Path path = LocalPaths.resolve(Json.text(node, "path", ""), base, environment);
            if (node.has("context_size")) context = node.get("context_size").asInt();
            if (node.has("threads")) threads = node.get("threads").asInt();
            if (node.has("gpu_layers")) gpuLayers = node.get("gpu_layers").asInt();
            return new LocalModelSpec(path, context, threads, gpuLayers);
        }
        Path path = LocalPaths.resolve(model, environment.workingDirectory(), environment);
        if (!Files.exists(path)
                && !Path.of(model.strip()).isAbsolute()
                && !model.strip().startsWith("~")) {
            Path pulled = LocalPaths.modelsDir(config, environment)
                    .resolve(model.strip())
                    .normalize();
            if (Files.exists(pulled)) path = pulled;
        }
        if (!Files.exists(path)) {
            throw new LocalModelException("local model '" + model + "': " + path + " does not exist, and local.models "
                    + (named.isEmpty()
                            ? "names no models"
                            : "has no entry '" + model + "' (it has: " + String.join(", ", named.keySet()) + ")")
                    + "; expected local:/path/to/model.gguf or local:NAME");
        }
        return new LocalModelSpec(path, context, threads, gpuLayers);
    }
}
