package dev.marble.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void medianAndQuartilesOfUnsortedSamples() {
        Spread spread = Spread.of(new double[] {9, 1, 5, 3, 7, 2, 8, 4});
        assertThat(spread).isEqualTo(new Spread(5, 3, 8, 8));
        assertThat(spread.text("ms")).isEqualTo("5.0 ms [3.0, 8.0]");
    }

    @Test
    void differencesArePairedSampleBySample() {
        assertThat(Spread.difference(new double[] {10, 20}, new double[] {1, 5}))
                .containsExactly(9, 15);
    }
}
