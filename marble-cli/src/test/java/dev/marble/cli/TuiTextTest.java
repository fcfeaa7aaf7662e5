package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TuiTextTest {

    @Test
    void wrapsAtTheLastSpaceThatFits() {
        assertThat(TuiText.wrap("the quick brown fox jumps", 10)).containsExactly("the quick", "brown fox", "jumps");
    }

    @Test
    void cutsAWordLongerThanTheWidth() {
        assertThat(TuiText.wrap("abcdefghijkl xy", 5)).containsExactly("abcde", "fghij", "kl xy");
    }

    @Test
    void keepsTheTextsOwnLinesAndEmptyOnes() {
        assertThat(TuiText.wrap("one\n\ntwo", 10)).containsExactly("one", "", "two");
    }

    @Test
    void countsWideCharactersAsTwoColumns() {
        assertThat(TuiText.columns("日本")).isEqualTo(4);
        assertThat(TuiText.wrap("日本語です", 4)).containsExactly("日本", "語で", "す");
    }

    @Test
    void fitCutsWithAnEllipsis() {
        assertThat(TuiText.fit("abcdefgh", 5)).isEqualTo("abcd…");
        assertThat(TuiText.fit("abc", 5)).isEqualTo("abc");
    }

    @Test
    void fitEndKeepsTheEnd() {
        assertThat(TuiText.fitEnd("abcdefgh", 5)).isEqualTo("…efgh");
        assertThat(TuiText.fitEnd("abc", 5)).isEqualTo("abc");
    }

    @Test
    void tabsBecomeSpacesAndLineBreaksStay() {
        assertThat(TuiText.sanitize("a\tb\nc")).isEqualTo("a    b\nc");
    }
}
