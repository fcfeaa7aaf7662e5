package dev.marble.temporal;

import dev.marble.api.EngineOptions;
import dev.marble.config.MarbleConfig;
import dev.marble.config.Setting;
import dev.marble.error.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the Temporal server is and how to reach it. Each setting comes from, in order of precedence: the command
 * line ({@link EngineOptions}), the variables the Temporal CLI reads ({@code TEMPORAL_ADDRESS},
 * {@code TEMPORAL_NAMESPACE}, {@code TEMPORAL_API_KEY}, {@code TEMPORAL_TLS_*}), marble.json's {@code temporal}
 * section, and the defaults of a {@code temporal server start-dev} on this machine.
 *
 * @param address   {@code host:port} of the frontend
 * @param namespace the namespace chains and runs live in
 * @param taskQueue the queue work is sent to and shared workers poll
 * @param tls       transport security, and the API key of Temporal Cloud
 * @param timeouts  how long the parts of a link or call may take
 */
public record TemporalSettings(
        String address, String namespace, String taskQueue, TemporalTls tls, TemporalTimeouts timeouts) {

    public static final String DEFAULT_ADDRESS = "localhost:7233";
    public static final String DEFAULT_NAMESPACE = "default";
    public static final String DEFAULT_TASK_QUEUE = "marble";

    public TemporalSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(taskQueue, "taskQueue");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(timeouts, "timeouts");
        if (!address.matches("[^\\s:/]+:\\d{1,5}")) {
            throw new UsageException("the Temporal address '" + address + "' is not host:port (e.g. localhost:7233)");
        }
    }

    /** The settings {@code flags}, {@code variables} and {@code config} make, in that order of precedence. */
    public static TemporalSettings resolve(EngineOptions flags, Map<String, String> variables, MarbleConfig config) {
        String address = first(flags.address(), variables.get("TEMPORAL_ADDRESS"), text(config, "temporal.address"))
                .orElse(DEFAULT_ADDRESS);
        String namespace = first(
                        flags.namespace(), variables.get("TEMPORAL_NAMESPACE"), text(config, "temporal.namespace"))
                .orElse(DEFAULT_NAMESPACE);
        String taskQueue = first(
                        flags.taskQueue(),
                        variables.get("MARBLE_TEMPORAL_TASK_QUEUE"),
                        text(config, "temporal.task_queue"))
                .orElse(DEFAULT_TASK_QUEUE);
        return new TemporalSettings(
                address, namespace, taskQueue, TemporalTls.resolve(variables, config), TemporalTimeouts.of(config));
    }

    /** For a line on stderr and in {@code --json}: the address and namespace, never a credential. */
    public String describe() {
        return address + " (namespace " + namespace + (tls.enabled() ? ", TLS" : "") + ")";
    }

    static Optional<String> first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) return Optional.of(candidate.strip());
        }
        return Optional.empty();
    }

    static String text(MarbleConfig config, String key) {
        return config.text(key).map(Setting::value).orElse(null);
    }

    static Path path(MarbleConfig config, String key) {
        return config.text(key)
                .map(setting -> {
                    Path file = Path.of(setting.value());
                    // relative to the marble.json that names it, as local.models paths are
                    Path base = setting.location() == null || setting.location().file() == null
                            ? null
                            : setting.location().file().toAbsolutePath().getParent();
                    return base == null ? file : base.resolve(file);
                })
                .orElse(null);
    }

    static Duration seconds(MarbleConfig config, String key, long fallback) {
        return Duration.ofSeconds(config.number(key, fallback).value());
    }
}
