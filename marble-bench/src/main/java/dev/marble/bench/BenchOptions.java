package dev.marble.bench;

import java.nio.file.Path;
import java.util.Map;

/** How the harnesses read their option values: a mistake is one line naming the option and what it expects. */
final class BenchOptions {

    private BenchOptions() {}

    /** {@code --name N}: a whole number of at least {@code least}, else {@code fallback} when absent. */
    static int count(Map<String, String> options, String name, int fallback, int least) {
        String text = options.get(name);
        if (text == null) return fallback;
        try {
            int value = Integer.parseInt(text);
            if (value >= least) return value;
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw new IllegalArgumentException(
                "--" + name + " expects a whole number of at least " + least + ", not '" + text + "'");
    }

    /** {@code --name PATH}, absolute, or null when absent. */
    static Path path(Map<String, String> options, String name) {
        String text = options.get(name);
        if (text == null) return null;
        if (text.isBlank()) throw new IllegalArgumentException("--" + name + " expects a path");
        return Path.of(text).toAbsolutePath();
    }

    /** {@code --name} with no value. */
    static boolean flag(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) return false;
        if (value.isEmpty()) return true;
        throw new IllegalArgumentException("--" + name + " takes no value, not '" + value + "'");
    }
}
