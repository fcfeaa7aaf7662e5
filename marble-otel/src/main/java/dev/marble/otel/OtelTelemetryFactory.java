package dev.marble.otel;

import dev.marble.Marble;
import dev.marble.TelemetryFactory;
import dev.marble.event.EventExporter;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link Marble#exportTelemetry()} finds through {@link java.util.ServiceLoader}: the SDK as the environment
 * configures it, and the listener that feeds it Marble's events.
 */
public final class OtelTelemetryFactory implements TelemetryFactory {

    @Override
    public EventExporter open(Marble marble) {
        Map<String, String> variables = marble.environment().variables();
        OtelHeaders.registerSecrets(variables, marble.redactor());
        OtelSdk sdk = OtelSdk.configure(variables, marble::warn);
        OtelEventListener listener = new OtelEventListener(
                sdk.openTelemetry(), ContentCapture.of(marble), Semconv.from(variables), servers(marble), sdk);
        return ExitFlush.around(listener);
    }

    static java.util.function.Function<String, Optional<ServerAddress>> servers(Marble marble) {
        return provider -> marble.catalog().find(provider).flatMap(spec -> ServerAddress.of(spec.baseUrl()));
    }
}
