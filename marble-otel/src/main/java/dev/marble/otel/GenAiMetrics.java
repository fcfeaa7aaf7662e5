package dev.marble.otel;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.time.Duration;
import java.util.List;

/**
 * The two client metrics of the GenAI conventions, with the bucket boundaries they advise:
 * {@code gen_ai.client.token.usage} (one record per token type, input and output) and
 * {@code gen_ai.client.operation.duration} (seconds, with {@code error.type} when the call failed).
 */
final class GenAiMetrics {

    private static final List<Long> TOKEN_BUCKETS = List.of(
            1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L, 1048576L, 4194304L, 16777216L, 67108864L);
    private static final List<Double> DURATION_BUCKETS =
            List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

    private final LongHistogram tokens;
    private final DoubleHistogram duration;

    GenAiMetrics(Meter meter) {
        tokens = meter.histogramBuilder("gen_ai.client.token.usage")
                .ofLongs()
                .setUnit("{token}")
                .setDescription("Number of input and output tokens used")
                .setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS)
                .build();
        duration = meter.histogramBuilder("gen_ai.client.operation.duration")
                .setUnit("s")
                .setDescription("GenAI operation duration")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .build();
    }

    /** {@code common}: operation, provider, request and response model, server; input counts cached tokens too. */
    void tokens(Attributes common, long input, long output) {
        tokens.record(input, with(common, "input"));
        tokens.record(output, with(common, "output"));
    }

    void duration(Attributes common, Duration elapsed) {
        duration.record(elapsed.toNanos() / 1e9, common);
    }

    private static Attributes with(Attributes common, String tokenType) {
        AttributesBuilder builder = common.toBuilder();
        builder.put(GenAi.TOKEN_TYPE, tokenType);
        return builder.build();
    }
}
