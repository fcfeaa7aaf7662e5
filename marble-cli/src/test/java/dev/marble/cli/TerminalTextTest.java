package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the line output does to text Marble did not write, at a terminal and elsewhere. */
class TerminalTextTest {

    private static final String ESC = "\u001b";

    @Test
    void controlSequencesShowInCaretNotation() {
        assertThat(TerminalText.sanitize(ESC + "[2J")).isEqualTo("^[[2J");
        assertThat(TerminalText.sanitize(ESC + "]0;pwned\u0007")).isEqualTo("^[]0;pwned^G");
        assertThat(TerminalText.sanitize(ESC + "]52;c;aGk=\u0007")).isEqualTo("^[]52;c;aGk=^G");
        assertThat(TerminalText.sanitize("yes\rno\bX\u007f")).isEqualTo("yes^Mno^HX^?");
        assertThat(TerminalText.sanitize("\u0000")).isEqualTo("^@");
    }

    @Test
    void c1ControlsAreShownAsACaretAndAQuestionMark() {
        // U+009B is a one-character CSI, U+009D an OSC, on terminals that take 8-bit controls.
        assertThat(TerminalText.sanitize("\u009b31m\u009d0;t\u0085")).isEqualTo("^?31m^?0;t^?");
    }

    @Test
    void invisibleReorderingAndZeroWidthCharactersBecomeQuestionMarks() {
        assertThat(TerminalText.sanitize("rm \u202eexe.txt")).isEqualTo("rm ?exe.txt");
        assertThat(TerminalText.sanitize("a\u200bb\u2066c\u2069\ufeff")).isEqualTo("a?b?c??");
        assertThat(TerminalText.sanitize("lone \ud800 half")).isEqualTo("lone ? half");
    }

    @Test
    void lineBreaksTabsAndOrdinaryTextStayAsTheyAre() {
        String text = "first\n\tsecond — «ü» 日本 😀 ~!@#$%^&*()\n";
        assertThat(TerminalText.sanitize(text)).isSameAs(text);
        assertThat(TerminalText.sanitize(null)).isEmpty();
    }

    @Test
    void aSequenceSplitAcrossStreamedPiecesIsCaughtInEachPiece() {
        assertThat(TerminalText.sanitize(ESC) + TerminalText.sanitize("[2J")).isEqualTo("^[[2J");
    }

    @Test
    void aTerminalGetsTheSanitizedTextAPipeTheBytesAsTheyCame() {
        String attack = "ok" + ESC + "[2J\r";
        assertThat(TerminalText.of(true).show(attack)).isEqualTo("ok^[[2J^M");
        assertThat(TerminalText.of(false).show(attack)).isSameAs(attack);
        assertThat(TerminalText.VERBATIM.show(null)).isEmpty();
    }

    @Test
    void theFullScreenViewStillTurnsTabsIntoSpaces() {
        assertThat(TuiText.sanitize("a\tb" + ESC)).isEqualTo("a    b^[");
    }
}
