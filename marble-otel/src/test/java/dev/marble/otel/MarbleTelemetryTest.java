package dev.marble.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.Marble;
import dev.marble.config.Environment;
import dev.marble.event.Subscription;
import dev.marble.model.ChatRequest;
import dev.marble.model.ModelRef;
import dev.marble.testkit.FakeAnthropicServer;
import dev.marble.testkit.FakeReply;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A program's own OpenTelemetry instance gets Marble's spans, is flushed, and is left open for the program. */
class MarbleTelemetryTest {

    @TempDir
    Path temp;

    final List<SpanData> exported = new CopyOnWriteArrayList<>();

    @Test
    void theCallersInstanceGetsTheSpansFlushedAfterTheRunAndStaysOpen() {
        // Batched, as a program would set it up: only a flush sends before the batch delay (an hour here).
        SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(BatchSpanProcessor.builder(new Keep())
                        .setScheduleDelay(Duration.ofHours(1))
                        .build())
                .build();
        try (OpenTelemetrySdk sdk =
                        OpenTelemetrySdk.builder().setTracerProvider(tracing).build();
                FakeAnthropicServer anthropic = FakeAnthropicServer.start()) {
            anthropic.enqueue(FakeReply.text("hello"), FakeReply.text("again"));
            Environment environment = new Environment(
                    Map.of("ANTHROPIC_BASE_URL", anthropic.baseUrl(), "ANTHROPIC_API_KEY", "sk-ant-library-0123456789"),
                    temp,
                    temp);
            try (Marble marble = Marble.start(environment, warning -> {})) {
                try (Subscription traces = MarbleTelemetry.export(marble, sdk)) {
                    marble.model(new ModelRef("anthropic", "claude-test-model"), List.of(), "run-1")
                            .chat(ChatRequest.of(null, "Say hello"));
                }
                // Closing the subscription flushed the caller's SDK.
                SpanData chat = exported.getFirst();
                assertThat(chat.getName()).isEqualTo("chat claude-test-model");
                assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
                assertThat(chat.getAttributes().get(GenAi.SERVER_PORT))
                        .isEqualTo((long) URI.create(anthropic.baseUrl()).getPort());

                // Unsubscribed: further calls are not traced; the caller's SDK is still usable.
                marble.model(new ModelRef("anthropic", "claude-test-model"), List.of(), "run-2")
                        .chat(ChatRequest.of(null, "Say hello again"));
                sdk.getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);
                assertThat(exported).hasSize(1);
                sdk.getTracer("test").spanBuilder("still open").startSpan().end();
                sdk.getSdkTracerProvider().forceFlush().join(5, TimeUnit.SECONDS);
                assertThat(exported).extracting(SpanData::getName).contains("still open");
            }
        }
    }

    private final class Keep implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            exported.addAll(spans);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
