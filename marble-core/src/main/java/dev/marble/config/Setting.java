package dev.marble.config;

import dev.marble.error.SourceLocation;
import java.util.function.Function;

/**
 * An effective configuration value and where it came from. {@code location} points into the file
 * that set it (null for defaults, environment variables and flags), so a value that is well-formed
 * but wrong, such as an unknown model, can still be reported at its line.
 */
public record Setting<T>(T value, String source, SourceLocation location) {

    public static <T> Setting<T> ofDefault(T value) {
        return new Setting<>(value, "default", null);
    }

    public <R> Setting<R> map(Function<T, R> mapper) {
        return new Setting<>(mapper.apply(value), source, location);
    }
}
