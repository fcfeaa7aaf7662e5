package dev.marble.config;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The process's view of the machine: environment variables, working directory and home. Passed
 * explicitly rather than read from {@link System#getenv()} everywhere, so tests can run Marble
 * against an environment of their own without touching the real one.
 */
public record Environment(Map<String, String> variables, Path workingDirectory, Path home) {

    public Environment {
        variables = Map.copyOf(variables);
        workingDirectory = workingDirectory.toAbsolutePath().normalize();
        home = home.toAbsolutePath().normalize();
    }

    public static Environment system() {
        Map<String, String> variables = System.getenv();
        String home = variables.getOrDefault("HOME", System.getProperty("user.home"));
        return new Environment(variables, Path.of(System.getProperty("user.dir")), Path.of(home));
    }

    /** A variable's value, treating an empty one as unset (as shells and the official SDKs do). */
    public Optional<String> get(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public Environment withVariable(String name, String value) {
        Map<String, String> copy = new HashMap<>(variables);
        if (value == null) copy.remove(name);
        else copy.put(name, value);
        return new Environment(copy, workingDirectory, home);
    }

    public Environment withWorkingDirectory(Path directory) {
        return new Environment(variables, directory, home);
    }

    /** {@code $XDG_CONFIG_HOME/marble}, else {@code ~/.config/marble}. */
    public Path globalConfigDirectory() {
        return get("XDG_CONFIG_HOME")
                .map(Path::of)
                .orElse(home.resolve(".config"))
                .resolve("marble");
    }

    /** {@code $XDG_CACHE_HOME/marble}, else {@code ~/.cache/marble}: what Marble can make again (models, native
     * libraries). */
    public Path cacheDirectory() {
        return get("XDG_CACHE_HOME")
                .map(Path::of)
                .orElse(home.resolve(".cache"))
                .resolve("marble");
    }

    /** The directories of {@code PATH}, in order. */
    public List<Path> path() {
        return get("PATH").stream()
                .flatMap(p -> Arrays.stream(p.split(File.pathSeparator)))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .toList();
    }

    /** The first executable called {@code name} on {@code PATH}, or the path itself when it has a separator. */
    public Optional<Path> findExecutable(String name) {
        if (name.contains("/")) {
            Path direct = workingDirectory.resolve(name);
            return Files.isExecutable(direct) ? Optional.of(direct) : Optional.empty();
        }
        for (Path dir : path()) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
