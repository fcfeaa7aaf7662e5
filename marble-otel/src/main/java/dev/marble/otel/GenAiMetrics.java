package dev.marble.otel;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.time.Duration;
import java.util.List;

/**
 * The client metrics of the GenAI conventions, in the version {@link Semconv} says. v1.41.0 (the default):
 * {@code gen_ai.client.token.usage} (a histogram, one record per token type, input and output) and
 * {@code gen_ai.client.operation.duration} (seconds, with {@code error.type} when the call failed), with the bucket
 * boundaries they advise. The latest: the duration of a model call is {@code gen_ai.client.inference.duration}, and
 * tokens are counters, {@code gen_ai.client.inference.usage.input_tokens} and {@code .output_tokens}, with the
 * cached input beside them in {@code .cache_read.input_tokens} and {@code .cache_write.input_tokens}.
 */
final class GenAiMetrics {

    private static final List<Long> TOKEN_BUCKETS = List.of(
            1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L, 1048576L, 4194304L, 16777216L, 67108864L);
    private static final List<Double> DURATION_BUCKETS =
            List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

    /** The latest conventions' token counters, by what they count. */
    private record TokenCounters(
            LongCounter input, LongCounter output, LongCounter cacheRead, LongCounter cacheWrite) {}

    private final LongHistogram tokens; // v1.41.0
    private final TokenCounters counters; // latest
    private final DoubleHistogram duration;

    GenAiMetrics(Meter meter, Semconv semconv) {
        if (semconv.latest()) {
            tokens = null;
            counters = new TokenCounters(
                    counter(meter, "gen_ai.client.inference.usage.input_tokens", "Input tokens, cached ones included"),
                    counter(meter, "gen_ai.client.inference.usage.output_tokens", "Output tokens"),
                    counter(
                            meter,
                            "gen_ai.client.inference.usage.cache_read.input_tokens",
                            "Input tokens read from a cache"),
                    counter(
                            meter,
                            "gen_ai.client.inference.usage.cache_write.input_tokens",
                            "Input tokens written to a cache"));
        } else {
            tokens = meter.histogramBuilder("gen_ai.client.token.usage")
                    .ofLongs()
                    .setUnit("{token}")
                    .setDescription("Number of input and output tokens used")
                    .setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS)
                    .build();
            counters = null;
        }
        duration = meter.histogramBuilder(
                        semconv.latest() ? "gen_ai.client.inference.duration" : "gen_ai.client.operation.duration")
                .setUnit("s")
                .setDescription("GenAI operation duration")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS)
                .build();
    }

    private static LongCounter counter(Meter meter, String name, String description) {
        return meter.counterBuilder(name)
                .setUnit("{token}")
                .setDescription(description)
                .build();
    }

    /**
     * {@code common}: operation, provider, request and response model, server; {@code input} counts cached tokens
     * too, as the conventions count them; {@code cacheRead} and {@code cacheWrite} are its cached part.
     */
    void tokens(Attributes common, long input, long output, long cacheRead, long cacheWrite) {
        if (counters != null) {
            counters.input().add(input, common);
            counters.output().add(output, common);
            counters.cacheRead().add(cacheRead, common);
            counters.cacheWrite().add(cacheWrite, common);
            return;
        }
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
