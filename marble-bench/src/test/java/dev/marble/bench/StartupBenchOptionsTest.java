package dev.marble.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupBenchOptionsTest {

    @Test
    void defaultsAreTenRoundsAfterTwoWarmUpsWithNothingBeside() {
        StartupBenchOptions options = StartupBenchOptions.parse(new String[0]);
        assertThat(options.rounds()).isEqualTo(10);
        assertThat(options.warmup()).isEqualTo(2);
        assertThat(options.llmauto()).isNull();
        assertThat(options.compare()).isEmpty();
        assertThat(options.steps()).isFalse();
    }

    @Test
    void checkoutsToCompareAreLabelledAndKeepTheirOrder() {
        StartupBenchOptions options = StartupBenchOptions.parse(
                new String[] {"--compare", "before=/a,steps=/b", "--steps", "--rounds", "3", "--llmauto", "/c"});
        assertThat(options.compare())
                .containsExactly(Map.entry("before", Path.of("/a")), Map.entry("steps", Path.of("/b")));
        assertThat(options.steps()).isTrue();
        assertThat(options.rounds()).isEqualTo(3);
        assertThat(options.llmauto()).isEqualTo(Path.of("/c"));
    }

    @Test
    void mistakesAreOneLineNamingTheOption() {
        assertThatThrownBy(() -> StartupBenchOptions.parse(new String[] {"--compare", "before"}))
                .hasMessage("--compare expects LABEL=DIR, comma-separated, not 'before'");
        assertThatThrownBy(() -> StartupBenchOptions.parse(new String[] {"--rounds", "0"}))
                .hasMessage("--rounds expects a whole number of at least 1, not '0'");
        assertThatThrownBy(() -> StartupBenchOptions.parse(new String[] {"--steps", "yes"}))
                .hasMessage("--steps takes no value, not 'yes'");
        assertThatThrownBy(() -> StartupBenchOptions.parse(new String[] {"--samples", "3"}))
                .hasMessageStartingWith("unknown option --samples (build/bench.sh --startup");
    }
}
