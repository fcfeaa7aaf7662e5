package dev.marble.cli;

import dev.marble.config.ConfigLayer;
import dev.marble.config.MarbleConfig;
import dev.marble.config.Setting;
import dev.marble.json.Json;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A key's effective value and where it comes from: the most specific layer that sets it (environment, project file,
 * global file), else its default.
 *
 * @param value  null when nothing sets it and it has no default
 * @param source a file and line, an environment variable, {@code default}; null when {@code value} is
 */
record ConfigValue(ConfigKey key, JsonNode value, String source) {

    static ConfigValue of(MarbleConfig config, ConfigKey key) {
        if (key.userKeyed()) {
            Map<String, Setting<JsonNode>> entries = config.entries(key.name());
            if (entries.isEmpty()) return new ConfigValue(key, null, null);
            ObjectNode merged = Json.object();
            Set<String> sources = new LinkedHashSet<>();
            entries.forEach((name, setting) -> {
                merged.set(name, setting.value());
                sources.add(setting.source());
            });
            return new ConfigValue(key, merged, String.join(", ", sources));
        }
        Optional<Setting<JsonNode>> set = inLayers(config, key, false);
        if (set.isPresent())
            return new ConfigValue(key, set.get().value(), set.get().source());
        JsonNode fallback = key.defaultJson();
        return new ConfigValue(key, fallback, fallback == null ? null : "default");
    }

    /** The environment variable that sets {@code key} over every file, when one does. */
    static Optional<String> overriddenBy(MarbleConfig config, ConfigKey key) {
        return inLayers(config, key, true).map(Setting::source);
    }

    private static Optional<Setting<JsonNode>> inLayers(MarbleConfig config, ConfigKey key, boolean environmentOnly) {
        JsonPointer pointer = JsonPointer.empty();
        for (String part : key.path()) pointer = pointer.appendProperty(part);
        for (ConfigLayer layer : config.layers()) {
            if (environmentOnly && !layer.name().equals("environment")) continue;
            Optional<Setting<JsonNode>> found = layer.find(pointer, key.name());
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }
}
