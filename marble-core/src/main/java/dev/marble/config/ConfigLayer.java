package dev.marble.config;

import dev.marble.error.SourceLocation;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * One source of settings: the global file, the project file, or the environment. Layers stack;
 * the most specific one that sets a key wins.
 */
public record ConfigLayer(String name, LocatedDocument document, Map<JsonPointer, String> variableNames) {

    public ConfigLayer {
        variableNames = Map.copyOf(variableNames);
    }

    public static ConfigLayer ofFile(String name, LocatedDocument document) {
        return new ConfigLayer(name, document, Map.of());
    }

    public Optional<Setting<JsonNode>> find(JsonPointer pointer, String field) {
        JsonNode node = document.root().at(pointer);
        if (node.isMissingNode() || node.isNull()) return Optional.empty();
        String variable = variableNames.get(pointer);
        if (variable != null) {
            return Optional.of(new Setting<>(node, "environment variable " + variable, null));
        }
        SourceLocation location = document.valueAt(pointer, field);
        String where = location.line() > 0 ? document.file() + ":" + location.line() : String.valueOf(document.file());
        return Optional.of(new Setting<>(node, name + " " + where, location));
    }
}
