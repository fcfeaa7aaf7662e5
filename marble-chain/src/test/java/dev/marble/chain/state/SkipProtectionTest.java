package dev.marble.chain.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The edges of llmauto's heuristic, each condition on its own. */
class SkipProtectionTest {

    static final String REPORT = "# Report\n" + "real work done here\n".repeat(10); // 209 characters

    private static boolean restore(String before, String after) {
        return SkipProtection.decide(before, after).restore();
    }

    @Test
    void allFourConditionsMustHold() {
        assertThat(restore(REPORT, "SKIPPED - not assigned")).isTrue();
        assertThat(restore(REPORT, "skip: not mine")).as("any case").isTrue();
        assertThat(restore(REPORT, "Not assigned, nothing to do"))
                .as("no SKIP in it")
                .isFalse();
        assertThat(restore("   \n", "SKIPPED")).as("the old handoff was blank").isFalse();
        assertThat(restore(REPORT, "SKIPPED " + "x".repeat(100)))
                .as("not shorter than half")
                .isFalse();
    }

    @Test
    void fiveHundredCharactersIsTooLongToBeASkip() {
        String longBefore = "y".repeat(2000);
        assertThat(restore(longBefore, "SKIP" + "z".repeat(495))).isTrue(); // 499
        assertThat(restore(longBefore, "SKIP" + "z".repeat(496))).isFalse(); // 500
        assertThat(restore(longBefore, "\n\nSKIP" + "z".repeat(495) + "\n\n"))
                .as("trimmed for the 500")
                .isTrue();
    }

    @Test
    void halfIsMeasuredUntrimmedInCharactersNotBytes() {
        // 20 characters before, so the new one must have fewer than 10
        String before = "ü".repeat(20);
        assertThat(restore(before, "SKIP12345")).isTrue(); // 9
        assertThat(restore(before, "SKIP123456")).isFalse(); // 10
        assertThat(restore(before, "SKIP1234\n\n"))
                .as("trailing newlines count toward half")
                .isFalse();
        assertThat(restore("😀".repeat(20), "SKIP12345"))
                .as("code points, as Python counts")
                .isTrue();
    }
}
