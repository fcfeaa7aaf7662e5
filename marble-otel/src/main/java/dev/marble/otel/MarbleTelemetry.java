package dev.marble.otel;

import dev.marble.Marble;
import dev.marble.event.Subscription;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.concurrent.TimeUnit;

/**
 * For programs that embed Marble and have an {@link OpenTelemetry} of their own: spans and metrics of every run and
 * chain on {@code marble}'s events go to it, after the GenAI conventions, until the returned subscription is closed.
 * Content is captured as {@code OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT} in Marble's environment says,
 * and the conventions' version is the one {@code OTEL_SEMCONV_STABILITY_OPT_IN} there asks for.
 * The instance stays the caller's: it is flushed after each link and top-level run when it is an
 * {@link OpenTelemetrySdk}, never shut down.
 */
public final class MarbleTelemetry {

    private MarbleTelemetry() {}

    public static Subscription export(Marble marble, OpenTelemetry openTelemetry) {
        OtelEventListener listener = new OtelEventListener(
                openTelemetry,
                ContentCapture.of(marble),
                Semconv.from(marble.environment().variables()),
                OtelTelemetryFactory.servers(marble),
                new Borrowed(openTelemetry));
        Subscription subscription = marble.events().subscribe(listener);
        return () -> {
            subscription.close();
            listener.close();
        };
    }

    /** Someone else's instance: flushed when it can be, left open. */
    private record Borrowed(OpenTelemetry openTelemetry) implements OtelEventListener.Delivery {
        @Override
        public void flush() {
            if (openTelemetry instanceof OpenTelemetrySdk sdk) {
                sdk.getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);
                sdk.getSdkMeterProvider().forceFlush().join(5, TimeUnit.SECONDS);
            }
        }

        @Override
        public void close() {
            flush();
        }
    }
}
