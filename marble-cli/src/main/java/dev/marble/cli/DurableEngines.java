package dev.marble.cli;

import dev.marble.api.DurableEngine;
import dev.marble.api.EngineUnavailableException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a durable engine for the commands that need one ({@code --engine temporal}, {@code marble worker},
 * {@code marble approve}). marble.jar does not hold Temporal's SDK, so that every other command starts as fast as
 * before: the engine's jar ({@code marble-temporal/target/marble-temporal.jar} beside this checkout's
 * {@code marble-cli/}, or {@code marble-temporal.jar} beside marble.jar in an installed copy, or the file
 * {@code MARBLE_TEMPORAL_JAR} names) is loaded here, in a class loader whose parent is the CLI's. A library user who
 * has marble-temporal on the class path gets it from there.
 */
final class DurableEngines {

    static final String JAR_VARIABLE = "MARBLE_TEMPORAL_JAR";

    private DurableEngines() {}

    /** The engine {@code name}; fails with exit 8 and what to build when its jar is not there. */
    static DurableEngine load(String name, Map<String, String> variables) {
        ClassLoader own = DurableEngines.class.getClassLoader();
        Optional<DurableEngine> onClassPath = DurableEngine.find(name, own);
        if (onClassPath.isPresent()) return onClassPath.get();
        Path jar = jar(name, variables);
        if (!Files.isRegularFile(jar)) {
            throw new EngineUnavailableException("the " + name + " engine is not built: " + jar + " is missing"
                    + " (build it with ./mvnw -B -DskipTests package -pl marble-" + name + " -am)");
        }
        try {
            // Never closed: the engine's classes are used until the process exits.
            URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, own);
            return DurableEngine.find(name, loader)
                    .orElseThrow(() -> new EngineUnavailableException(jar + " holds no " + name + " engine"));
        } catch (MalformedURLException e) {
            throw new EngineUnavailableException("cannot load " + jar + ": " + e.getMessage(), e);
        }
    }

    /** Where the engine's jar is: the variable's file, else beside marble.jar or in this checkout. */
    static Path jar(String name, Map<String, String> variables) {
        String named = variables.get(JAR_VARIABLE);
        if (named != null && !named.isBlank()) return Path.of(named.strip());
        String file = "marble-" + name + ".jar";
        Path cliJar = cliJar();
        if (cliJar == null) return Path.of(file);
        Path beside = cliJar.resolveSibling(file);
        if (Files.isRegularFile(beside)) return beside;
        // a checkout: marble-cli/target/marble.jar and marble-temporal/target/marble-temporal.jar
        Path checkout = cliJar.getParent().getParent().getParent();
        return checkout == null
                ? beside
                : checkout.resolve("marble-" + name).resolve("target").resolve(file);
    }

    private static Path cliJar() {
        try {
            var source = DurableEngines.class.getProtectionDomain().getCodeSource();
            if (source == null) return null;
            Path location = Path.of(source.getLocation().toURI()).toRealPath();
            // classes/ when run from the build's output (tests): marble.jar is beside it in target/
            return Files.isRegularFile(location) ? location : location.resolveSibling("marble.jar");
        } catch (URISyntaxException | IOException | SecurityException e) {
            return null;
        }
    }
}
