package dev.marble.config;

import dev.marble.json.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * The effective settings: layers of configuration (most specific first) read through the schema,
 * each value with its source. Objects whose keys users choose ({@code aliases}, {@code providers},
 * {@code pricing}) merge key by key across layers; every other value comes whole from the most
 * specific layer that sets it.
 */
public final class MarbleConfig {

    private final List<ConfigLayer> layers;
    private final List<ConfigWarning> warnings;
    private final Path projectRoot;

    public MarbleConfig(List<ConfigLayer> layers, List<ConfigWarning> warnings, Path projectRoot) {
        this.layers = List.copyOf(layers);
        this.warnings = List.copyOf(warnings);
        this.projectRoot = projectRoot;
    }

    public static MarbleConfig empty(Path projectRoot) {
        return new MarbleConfig(List.of(), List.of(), projectRoot);
    }

    public List<ConfigLayer> layers() {
        return layers;
    }

    public List<ConfigWarning> warnings() {
        return warnings;
    }

    public Path projectRoot() {
        return projectRoot;
    }

    /** The value at a dotted path ({@code retry.max_attempts}), else the schema's default, else empty. */
    public Optional<Setting<JsonNode>> find(String dottedPath) {
        JsonPointer pointer = pointer(dottedPath);
        for (ConfigLayer layer : layers) {
            Optional<Setting<JsonNode>> found = layer.find(pointer, dottedPath);
            if (found.isPresent()) return found;
        }
        Object fallback = defaultOf(dottedPath);
        if (fallback == null) return Optional.empty();
        return Optional.of(Setting.ofDefault(Json.value(fallback)));
    }

    /** The union of keys under a user-keyed object, the most specific layer winning for each key. */
    public Map<String, Setting<JsonNode>> entries(String dottedPath) {
        Map<String, Setting<JsonNode>> merged = new LinkedHashMap<>();
        JsonPointer pointer = pointer(dottedPath);
        for (ConfigLayer layer : layers.reversed()) {
            JsonNode node = layer.document().root().at(pointer);
            if (!node.isObject()) continue;
            for (String key : node.propertyNames()) {
                layer.find(pointer.appendProperty(key), dottedPath + "." + key)
                        .ifPresent(setting -> merged.put(key, setting));
            }
        }
        return merged;
    }

    public Optional<Setting<String>> text(String dottedPath) {
        return find(dottedPath).filter(s -> s.value().isValueNode()).map(s -> s.map(JsonNode::asString));
    }

    public Setting<String> textOrDefault(String dottedPath, String fallback) {
        return text(dottedPath).orElse(Setting.ofDefault(fallback));
    }

    public Setting<Long> number(String dottedPath, long fallback) {
        return find(dottedPath).map(s -> s.map(JsonNode::asLong)).orElse(Setting.ofDefault(fallback));
    }

    public Setting<Boolean> flag(String dottedPath, boolean fallback) {
        return find(dottedPath).map(s -> s.map(JsonNode::asBoolean)).orElse(Setting.ofDefault(fallback));
    }

    public Setting<List<String>> textList(String dottedPath) {
        return find(dottedPath).map(s -> s.map(MarbleConfig::strings)).orElse(Setting.ofDefault(List.of()));
    }

    // The settings every command needs, named.

    public Optional<Setting<String>> defaultModel() {
        return text("default_model");
    }

    public Setting<List<String>> fallbackModels() {
        return textList("fallback_models");
    }

    public Setting<Duration> callTimeout() {
        return number("default_timeout_seconds", ConfigSchema.DEFAULT_TIMEOUT_SECONDS)
                .map(Duration::ofSeconds);
    }

    public Map<String, Setting<String>> aliases() {
        Map<String, Setting<String>> out = new LinkedHashMap<>();
        entries("aliases").forEach((k, v) -> out.put(k, v.map(JsonNode::asString)));
        return out;
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(item -> out.add(item.asString()));
        return List.copyOf(out);
    }

    private Object defaultOf(String dottedPath) {
        Shape shape = ConfigSchema.ROOT;
        Shape.Field field = null;
        for (String part : dottedPath.split("\\.")) {
            if (shape instanceof Shape.OneOf oneOf) shape = oneOf.fields().orElse(null);
            if (!(shape instanceof Shape.Fields fields)) return null;
            field = fields.fields().get(part);
            if (field == null) return null;
            shape = field.shape();
        }
        return field == null ? null : field.defaultValue();
    }

    static JsonPointer pointer(String dottedPath) {
        JsonPointer pointer = JsonPointer.empty();
        for (String part : dottedPath.split("\\.")) pointer = pointer.appendProperty(part);
        return pointer;
    }
}
