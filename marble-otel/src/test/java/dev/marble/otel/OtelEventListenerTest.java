package dev.marble.otel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.agent.RunEnding;
import dev.marble.event.Event;
import dev.marble.event.LinkOutcome;
import dev.marble.model.Attempt;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Cost;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.StopReason;
import dev.marble.model.Usage;
import dev.marble.secret.SecretRedactor;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The span tree the listener builds from events, on the real SDK, with an exporter that keeps what it gets. */
class OtelEventListenerTest {

    static final ModelRef MODEL = new ModelRef("anthropic", "claude-test-model");
    static final Instant T0 = Instant.parse("2026-12-07T05:00:00Z");

    final List<SpanData> exported = new CopyOnWriteArrayList<>();
    final Metrics metrics = new Metrics();
    final AtomicInteger flushes = new AtomicInteger();
    final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(new Keep()))
                    .build())
            .setMeterProvider(
                    SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();
    final OtelEventListener listener = new OtelEventListener(
            sdk,
            new ContentCapture(false, SecretRedactor.fromEnvironment(Map.of())),
            Semconv.V1_41,
            provider -> Optional.of(new ServerAddress("127.0.0.1", 4711)),
            new OtelEventListener.Delivery() {
                @Override
                public void flush() {
                    flushes.incrementAndGet();
                }

                @Override
                public void close() {}
            });

    @Test
    void aDelegatedRunIsAChildOfTheToolCallThatStartedIt() {
        listener.accept(run("parent", null));
        listener.accept(new Event.ToolCalled("parent", at(1), "call-1", "delegate", "builtin", null));
        listener.accept(run("child", "parent"));
        chat("child", "c1", 2);
        listener.accept(finished("child", 4));
        listener.accept(new Event.ToolReturned("parent", at(5), "call-1", "delegate", "done", false, Duration.ZERO));
        listener.accept(finished("parent", 6));

        SpanData parent = span("invoke_agent parent-agent");
        SpanData tool = span("execute_tool delegate");
        SpanData child = span("invoke_agent child-agent");
        assertThat(parent.getParentSpanContext().isValid()).isFalse();
        assertThat(tool.getParentSpanId()).isEqualTo(parent.getSpanId());
        assertThat(child.getParentSpanId()).isEqualTo(tool.getSpanId());
        assertThat(span("chat claude-test-model").getParentSpanId()).isEqualTo(child.getSpanId());
        assertThat(exported).allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(parent.getTraceId()));
        assertThat(child.getAttributes().get(AttributeKey.doubleKey("marble.cost.usd")))
                .isEqualTo(0.25);
    }

    @Test
    void aFailedModelCallCarriesItsErrorTypeRetriesAndAFailedDuration() {
        listener.accept(run("r", null));
        listener.accept(new Event.ModelCallStarted("r", at(1), "c1", MODEL, List.of(), request()));
        List<Attempt> attempts = List.of(
                new Attempt(MODEL, 1, Duration.ofMillis(10), "HTTP 529 overloaded", Duration.ZERO),
                new Attempt(MODEL, 2, Duration.ofMillis(10), "HTTP 529 overloaded", Duration.ofSeconds(1)),
                new Attempt(MODEL, 3, Duration.ofMillis(10), "HTTP 529 overloaded", Duration.ofSeconds(2)));
        listener.accept(new Event.ModelCallFailed(
                "r", at(3), "c1", MODEL, request(), attempts, "HTTP 529 overloaded", Duration.ofSeconds(2)));
        listener.accept(new Event.RunFinished(
                "r", at(4), RunEnding.MODEL_FAILED, "every attempt failed", 1, Usage.ZERO, Cost.FREE, null, null));

        SpanData chat = span("chat claude-test-model");
        assertThat(chat.getAttributes().get(GenAi.ERROR_TYPE)).isEqualTo("529");
        assertThat(chat.getAttributes().get(GenAi.RETRIES)).isEqualTo(2L);
        assertThat(chat.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        SpanData run = span("invoke_agent r-agent");
        assertThat(run.getAttributes().get(GenAi.ERROR_TYPE)).isEqualTo("model_failed");
        MetricData duration = metrics.named("gen_ai.client.operation.duration");
        assertThat(duration.getHistogramData().getPoints())
                .singleElement()
                .satisfies(point ->
                        assertThat(point.getAttributes().get(GenAi.ERROR_TYPE)).isEqualTo("529"));
    }

    @Test
    void everyLinkIsSentWhenItEndsAndARoundEndsWithItsLastLink() {
        listener.accept(new Event.RunStarted("chain", at(0), "chain", "nightly", MODEL, "", List.of("a", "b")));
        link(1, 0, "a");
        assertThat(flushes).hasValue(1);
        assertThat(exported).extracting(SpanData::getName).contains("link a").doesNotContain("round 1 nightly");
        link(1, 1, "b");
        assertThat(flushes).hasValue(2);
        assertThat(exported).extracting(SpanData::getName).contains("link b", "round 1 nightly");
        listener.accept(new Event.LinkStarted("chain", at(20), 2, 0, "a", "worker", MODEL, "run-2-0", false));
        listener.accept(new Event.LinkFinished(
                "chain", at(21), 2, 0, "a", LinkOutcome.FAILED, "exit 1", Duration.ofSeconds(1), Cost.UNKNOWN));
        listener.accept(new Event.RunFinished(
                "chain", at(22), () -> "max_rounds", "2/2", 2, Usage.ZERO, Cost.UNKNOWN, null, null));

        SpanData workflow = span("invoke_workflow nightly");
        assertThat(workflow.getAttributes().get(GenAi.OPERATION_NAME)).isEqualTo("invoke_workflow");
        assertThat(span("round 2 nightly").getParentSpanId()).isEqualTo(workflow.getSpanId());
        SpanData failed = exported.stream()
                .filter(span -> span.getName().equals("link a"))
                .filter(span -> span.getAttributes().get(GenAi.CHAIN_ROUND) == 2L)
                .findFirst()
                .orElseThrow();
        assertThat(failed.getAttributes().get(GenAi.CHAIN_LINK_OUTCOME)).isEqualTo("failed");
        assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }

    @Test
    void closingEndsWhatIsStillOpenSoThatACutShortRunIsExportedToo() {
        listener.accept(run("r", null));
        listener.accept(new Event.ModelCallStarted("r", at(1), "c1", MODEL, List.of(), request()));
        assertThat(exported).isEmpty();

        listener.close();

        assertThat(exported)
                .extracting(SpanData::getName)
                .containsExactlyInAnyOrder("invoke_agent r-agent", "chat claude-test-model");
        assertThat(exported)
                .allSatisfy(span ->
                        assertThat(span.getAttributes().get(GenAi.ERROR_TYPE)).isEqualTo("unfinished"));
        listener.accept(finished("r", 3)); // after close: ignored, not an error
    }

    private void link(int round, int index, String name) {
        String runId = "run-" + round + "-" + index;
        listener.accept(new Event.LinkStarted(
                "chain", at(round * 10 + index), round, index, name, "worker", MODEL, runId, false));
        listener.accept(new Event.RunStarted(runId, at(round * 10 + index), "chain-link", name, MODEL, "", List.of()));
        listener.accept(finished(runId, round * 10 + index));
        listener.accept(new Event.LinkFinished(
                "chain",
                at(round * 10 + index),
                round,
                index,
                name,
                LinkOutcome.OK,
                "",
                Duration.ofSeconds(1),
                Cost.FREE));
        assertThat(span("invoke_agent " + name).getParentSpanId())
                .isEqualTo(span("link " + name).getSpanId());
    }

    private void chat(String runId, String callId, int second) {
        listener.accept(new Event.ModelCallStarted(runId, at(second), callId, MODEL, List.of(), request()));
        ChatResponse response = new ChatResponse(
                Message.assistant("done"),
                StopReason.END_TURN,
                "end_turn",
                new Usage(10, 5, 100, 7),
                MODEL,
                "msg_1",
                null,
                Cost.FREE,
                List.of());
        listener.accept(new Event.ModelCallFinished(
                runId, at(second + 1), callId, MODEL, request(), response, Duration.ofSeconds(1)));
        SpanData chat = span("chat claude-test-model");
        assertThat(chat.getAttributes().get(GenAi.USAGE_INPUT_TOKENS))
                .as("cached input counts as input")
                .isEqualTo(117L);
        assertThat(chat.getAttributes().get(GenAi.USAGE_CACHE_READ)).isEqualTo(100L);
        assertThat(chat.getAttributes().get(GenAi.SERVER_PORT)).isEqualTo(4711L);
    }

    private static Event.RunStarted run(String runId, String parent) {
        return new Event.RunStarted(runId, at(0), "run", runId + "-agent", MODEL, "goal", List.of(), parent);
    }

    private static Event.RunFinished finished(String runId, int second) {
        return new Event.RunFinished(
                runId,
                at(second),
                RunEnding.ANSWERED,
                "",
                1,
                new Usage(10, 5, 0, 0),
                new Cost(new BigDecimal("0.25"), Cost.Source.PRICING_TABLE),
                Duration.ofSeconds(1),
                "done");
    }

    private static ChatRequest request() {
        return ChatRequest.of(null, "hello");
    }

    private static Instant at(int second) {
        return T0.plusSeconds(second);
    }

    private SpanData span(String name) {
        return exported.stream()
                .filter(span -> span.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + exported));
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

    /** Collects on demand, cumulatively. */
    static final class Metrics implements MetricReader {
        private CollectionRegistration registration;

        @Override
        public void register(CollectionRegistration registration) {
            this.registration = registration;
        }

        MetricData named(String name) {
            return registration.collectAllMetrics().stream()
                    .filter(metric -> metric.getName().equals(name))
                    .findFirst()
                    .orElseThrow();
        }

        @Override
        public AggregationTemporality getAggregationTemporality(InstrumentType type) {
            return AggregationTemporality.CUMULATIVE;
        }

        @Override
        public MemoryMode getMemoryMode() {
            return MemoryMode.IMMUTABLE_DATA;
        }

        @Override
        public CompletableResultCode forceFlush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
