package dev.marble.chain.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UpdateTextTest {

    @Test
    void aShutdownReadsLikeLlmautosMessageInEnglishWithReasonLinkAndCost() {
        assertThat(UpdateText.of(Updates.shutdown())).isEqualTo("""
                marble [research]
                Round: 3 | Runtime: 1.5h
                Status: STOPPED
                Shutdown: MAX_ROUNDS: 3/3
                Last link: reviewer
                Cost: $1.2345""");
    }

    @Test
    void eachKindSaysWhatHappened() {
        assertThat(UpdateText.of(Updates.linkDone("worker"))).isEqualTo("""
                marble [research]
                Round: 1 | Runtime: 0.0h
                Status: RUNNING
                Link done: worker""");
        ChainUpdate completed = new ChainUpdate(
                "c",
                ChainUpdate.Kind.COMPLETED,
                1,
                Duration.ofHours(2),
                "COMPLETED",
                null,
                null,
                new BigDecimal("0.5"));
        assertThat(UpdateText.of(completed)).endsWith("Runtime: 2.0h\nStatus: COMPLETED\nCompleted\nCost: $0.50");
        ChainUpdate failed = new ChainUpdate(
                "c",
                ChainUpdate.Kind.FAILED,
                0,
                Duration.ZERO,
                "FAILED",
                "MAX_FAILURES: 3 links failed in a row",
                "coder",
                null);
        assertThat(UpdateText.of(failed)).endsWith("Failed: MAX_FAILURES: 3 links failed in a row\nLink: coder");
    }

    @Test
    void anUnknownCostIsLeftOutNotShownAsZero() {
        assertThat(UpdateText.of(Updates.linkDone("worker"))).doesNotContain("Cost");
        assertThat(UpdateText.dollars(new BigDecimal("0.00421"))).isEqualTo("0.0042");
        assertThat(UpdateText.dollars(BigDecimal.ZERO)).isEqualTo("0.00");
    }

    @Test
    void aLongTextIsCutToTelegramsLimitWithoutSplittingACharacter() {
        ChainUpdate huge =
                new ChainUpdate("c", ChainUpdate.Kind.FAILED, 0, Duration.ZERO, "FAILED", "x".repeat(5000), null, null);
        String text = UpdateText.of(huge);
        assertThat(text).hasSize(UpdateText.TELEGRAM_LIMIT).endsWith("…");

        String emoji = "a".repeat(4094) + "\uD83D\uDE00" + "tail"; // the pair sits at 4095-4096
        String cut = UpdateText.cut(emoji, 4096);
        assertThat(cut).hasSizeLessThanOrEqualTo(4096).endsWith("a…");
    }
}
