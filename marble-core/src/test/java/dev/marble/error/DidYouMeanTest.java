package dev.marble.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

    private static final List<String> COMMANDS = List.of("pipe", "loop", "run", "chat", "chain", "tools", "models");

    @Test
    void aSwapOfNeighboursIsOneEdit() {
        assertThat(DidYouMean.distance("chian", "chain")).isEqualTo(1);
        assertThat(DidYouMean.nearest("chian", COMMANDS)).containsExactly("chain");
    }

    @Test
    void aLetterTooManyOrTooFewIsNear() {
        assertThat(DidYouMean.nearest("nightlly", List.of("nightly", "weekly"))).containsExactly("nightly");
        assertThat(DidYouMean.nearest("modls", COMMANDS)).containsExactly("models");
    }

    @Test
    void equallyNearNamesAreAllOffered() {
        assertThat(DidYouMean.suffix("chai", COMMANDS, "'")).isEqualTo("; did you mean 'chat' or 'chain'?");
    }

    @Test
    void nothingFarOffIsSuggestedNorTheNameItself() {
        assertThat(DidYouMean.nearest("xyzzy", COMMANDS)).isEmpty();
        assertThat(DidYouMean.nearest("ls", List.of("log")))
                .as("two edits are too many for a short name")
                .isEmpty();
        assertThat(DidYouMean.nearest("run", COMMANDS)).isEmpty();
        assertThat(DidYouMean.suffix("xyzzy", COMMANDS, "\"")).isEmpty();
    }

    @Test
    void caseDoesNotMatter() {
        assertThat(DidYouMean.nearest("CHIAN", COMMANDS)).containsExactly("chain");
    }
}
