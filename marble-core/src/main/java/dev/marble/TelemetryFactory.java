package dev.marble;

import dev.marble.event.EventExporter;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Makes the exporter of traces and metrics the environment configures; marble-otel provides one, found through
 * {@link ServiceLoader}. The check whether anything is configured reads a few variables and loads no class of the
 * exporter's, so that a process that exports nothing pays nothing: OpenTelemetry is loaded only when asked for.
 */
public interface TelemetryFactory {

    /** The exporter for {@code marble}'s runs, as its environment configures it. */
    EventExporter open(Marble marble);

    /**
     * Whether {@code variables} ask for OpenTelemetry: an exporter or an OTLP endpoint is named, and the SDK is not
     * disabled. Without either Marble exports nothing (the SDK's own default, OTLP to localhost, would send spans to
     * whatever listens there).
     */
    static boolean configured(Map<String, String> variables) {
        if ("true".equalsIgnoreCase(variables.get("OTEL_SDK_DISABLED"))) return false;
        return named(variables, "OTEL_TRACES_EXPORTER")
                || named(variables, "OTEL_METRICS_EXPORTER")
                || named(variables, "OTEL_EXPORTER_OTLP_ENDPOINT")
                || named(variables, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
                || named(variables, "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT");
    }

    /** The factory on the class path, if marble-otel is there. */
    static Optional<TelemetryFactory> find() {
        return ServiceLoader.load(TelemetryFactory.class, TelemetryFactory.class.getClassLoader())
                .findFirst();
    }

    private static boolean named(Map<String, String> variables, String name) {
        String value = variables.get(name);
        return value != null && !value.isBlank() && !"none".equalsIgnoreCase(value.trim());
    }
}
