package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.model.Cost;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Counts and dollars as a person reads them. */
class WordsTest {

    @Test
    void countsAreSingularForOneAndPluralOtherwise() {
        assertThat(Words.count(1, "round")).isEqualTo("1 round");
        assertThat(Words.count(2, "round")).isEqualTo("2 rounds");
        assertThat(Words.count(0, "turn")).isEqualTo("0 turns");
        assertThat(Words.count(1, "retry", "retries")).isEqualTo("1 retry");
        assertThat(Words.count(3, "retry", "retries")).isEqualTo("3 retries");
    }

    @Test
    void dollarsShowCentsFromACentAndTwoSignificantDigitsBelow() {
        assertThat(Words.dollars(new BigDecimal("12.3"))).isEqualTo("$12.30");
        assertThat(Words.dollars(new BigDecimal("0.054"))).isEqualTo("$0.05");
        assertThat(Words.dollars(new BigDecimal("0.01"))).isEqualTo("$0.01");
        assertThat(Words.dollars(new BigDecimal("0.0012345"))).isEqualTo("$0.0012");
        assertThat(Words.dollars(new BigDecimal("0.0000341"))).isEqualTo("$0.000034");
        assertThat(Words.dollars(BigDecimal.ZERO)).isEqualTo("$0.00");
    }

    @Test
    void aCostSaysWhatItsFigureMeans() {
        assertThat(Words.cost(Cost.UNKNOWN)).isEqualTo("cost unknown");
        assertThat(Words.cost(Cost.FREE)).isEqualTo("free (replayed or local)");
        assertThat(Words.cost(new Cost(new BigDecimal("0.002"), Cost.Source.PARTIAL)))
                .isEqualTo("at least $0.002 (some calls unpriced)");
        assertThat(Words.cost(new Cost(new BigDecimal("1.5"), Cost.Source.PRICING_TABLE)))
                .isEqualTo("$1.50");
    }
}
