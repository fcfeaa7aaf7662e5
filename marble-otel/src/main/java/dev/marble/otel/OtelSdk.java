package dev.marble.otel;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The OpenTelemetry SDK as the standard variables configure it ({@code OTEL_EXPORTER_OTLP_ENDPOINT},
 * {@code OTEL_EXPORTER_OTLP_PROTOCOL}, {@code OTEL_SERVICE_NAME}, {@code OTEL_TRACES_EXPORTER},
 * {@code OTEL_RESOURCE_ATTRIBUTES}, ...), read from Marble's environment rather than only the process's, so that a
 * command run in-process by a test or an embedding program configures it too.
 */
final class OtelSdk implements OtelEventListener.Delivery {

    /** Which sender the OTLP exporters use over HTTP; both the JDK's and OkHttp's are on the class path (gRPC). */
    private static final String HTTP_SENDER = "io.opentelemetry.sdk.common.export.HttpSenderProvider";

    private static final String JDK_SENDER = "io.opentelemetry.exporter.sender.jdk.internal.JdkHttpSenderProvider";

    private final OpenTelemetrySdk sdk;

    private OtelSdk(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
    }

    static OtelSdk configure(Map<String, String> variables, Consumer<String> warnings) {
        SdkWarnings.sendTo(warnings);
        if (System.getProperty(HTTP_SENDER) == null) System.setProperty(HTTP_SENDER, JDK_SENDER);
        Map<String, String> properties = properties(variables);
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> properties)
                // Marble sends what is buffered itself, on close and from its own hook (OtelTelemetryFactory).
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
        return new OtelSdk(sdk);
    }

    /** {@code OTEL_FOO_BAR} as the property {@code otel.foo.bar}, and Marble's defaults where nothing is said. */
    static Map<String, String> properties(Map<String, String> variables) {
        Map<String, String> properties = new HashMap<>();
        properties.put("otel.logs.exporter", "none"); // Marble writes no OpenTelemetry logs
        // The specification's default, and the port (4318) most collectors and backends document first; the Java
        // SDK's own default is still grpc.
        properties.put("otel.exporter.otlp.protocol", "http/protobuf");
        String resource = variables.getOrDefault("OTEL_RESOURCE_ATTRIBUTES", "");
        if (!variables.containsKey("OTEL_SERVICE_NAME") && !resource.contains("service.name="))
            properties.put("otel.service.name", "marble");
        variables.forEach((name, value) -> {
            if (name.startsWith("OTEL_"))
                properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
        });
        return properties;
    }

    OpenTelemetry openTelemetry() {
        return sdk;
    }

    @Override
    public void flush() {
        sdk.getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);
        sdk.getSdkMeterProvider().forceFlush().join(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        sdk.shutdown().join(10, TimeUnit.SECONDS);
    }
}
