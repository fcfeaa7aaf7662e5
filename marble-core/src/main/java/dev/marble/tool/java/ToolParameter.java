package dev.marble.tool.java;

import static dev.marble.json.Json.mapper;

import dev.marble.tool.ToolContext;
import java.lang.reflect.Array;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

/**
 * One parameter of a {@code @Tool} method and how its value is made: from the model's argument of
 * that name, or the call's {@link ToolContext}.
 *
 * @param name the argument's name in the schema; null for the context
 * @param type the parameter's generic type, as Jackson converts to it
 * @param required whether the schema requires the argument
 */
record ToolParameter(String name, JavaType type, boolean required) {

    static ToolParameter context() {
        return new ToolParameter(null, mapper().constructType(ToolContext.class), false);
    }

    boolean isContext() {
        return name == null;
    }

    /** The value to pass, or an {@link IllegalArgumentException} for the model when it cannot be made. */
    Object valueFrom(JsonNode arguments, ToolContext context) {
        if (isContext()) return context;
        JsonNode argument = arguments == null ? null : arguments.get(name);
        if (argument == null || argument.isNull()) {
            if (required) throw new IllegalArgumentException("argument '" + name + "' is missing");
            return absent();
        }
        try {
            return mapper().convertValue(argument, type);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new IllegalArgumentException("argument '" + name + "': " + firstLine(e.getMessage()), e);
        }
    }

    /** What an optional argument the model left out becomes: what Java would have by default. */
    private Object absent() {
        Class<?> raw = type.getRawClass();
        if (raw == Optional.class) return Optional.empty();
        if (raw == OptionalInt.class) return OptionalInt.empty();
        if (raw == OptionalLong.class) return OptionalLong.empty();
        if (raw == OptionalDouble.class) return OptionalDouble.empty();
        if (raw.isPrimitive()) return Array.get(Array.newInstance(raw, 1), 0); // 0, false, '\0'
        return null;
    }

    /** Jackson adds a second line about the (here meaningless) location in the input. */
    private static String firstLine(String message) {
        if (message == null) return "cannot be converted";
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).strip();
    }
}
