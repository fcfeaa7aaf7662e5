package dev.marble.otel;

import dev.marble.secret.SecretRedactor;
import java.util.List;
import java.util.Map;

/**
 * The OTLP header variables carry a trace backend's credentials ({@code Authorization=Bearer ...}) under names no
 * secret pattern recognises; registered as secrets, they are kept out of tools' environments, output and journal.
 */
final class OtelHeaders {

    private static final List<String> VARIABLES = List.of(
            "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "OTEL_EXPORTER_OTLP_METRICS_HEADERS");

    private OtelHeaders() {}

    static void registerSecrets(Map<String, String> variables, SecretRedactor redactor) {
        for (String name : VARIABLES) {
            String value = variables.get(name);
            if (value == null || value.isBlank()) continue;
            redactor.register(name, value);
            // Each header's value on its own too: a tool might print one header, not the whole list.
            for (String header : value.split(",")) {
                int equals = header.indexOf('=');
                if (equals > 0 && equals < header.length() - 1)
                    redactor.register(name, header.substring(equals + 1).trim());
            }
        }
    }
}
