package dev.marble.otel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code OTEL_SEMCONV_STABILITY_OPT_IN} is a comma-separated list; only its GenAI value changes what Marble emits. */
class SemconvTest {

    private static Semconv of(String value) {
        return Semconv.from(value == null ? Map.of() : Map.of("OTEL_SEMCONV_STABILITY_OPT_IN", value));
    }

    @Test
    void theLatestOnlyWhenTheListHoldsGenAiLatestExperimental() {
        assertThat(of(null)).isEqualTo(Semconv.V1_41);
        assertThat(of("")).isEqualTo(Semconv.V1_41);
        assertThat(of("http,database")).isEqualTo(Semconv.V1_41);
        assertThat(of("gen_ai_latest_experimental")).isEqualTo(Semconv.LATEST_EXPERIMENTAL);
        assertThat(of("http/dup, gen_ai_latest_experimental ,database")).isEqualTo(Semconv.LATEST_EXPERIMENTAL);
        // A value that only contains the word is another value.
        assertThat(of("gen_ai_latest_experimental_v2")).isEqualTo(Semconv.V1_41);
        assertThat(of("gen_ai")).isEqualTo(Semconv.V1_41);
    }
}
