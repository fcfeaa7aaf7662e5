package dev.marble.bench;

import dev.marble.testkit.StandInClaude;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * llmauto beside Marble. The run needs an llmauto checkout (MARBLE_LLMAUTO names it; see docs/chains.md,
 * Performance) and takes about 16 s: llmauto sleeps 5 s after every link.
 */
class LlmautoChainTest {

    @TempDir
    Path temp;

    @Test
    void whatIsMissingIsSaid() throws Exception {
        assertThat(LlmautoChain.problem(null)).startsWith("no checkout given (git clone");
        Files.writeString(temp.resolve("llmauto.py"), "");
        assertThat(LlmautoChain.problem(temp)).isEqualTo("no llmauto checkout at " + temp
                + " (__main__.py is missing; " + LlmautoChain.HOW_TO_GET + ")");
    }

    @Test
    void runsTheSameThreeLinksOnTheStandInWithItsFiveSecondSleeps() throws Exception {
        String checkout = System.getenv("MARBLE_LLMAUTO");
        Assumptions.assumeTrue(checkout != null && !checkout.isBlank(),
                "MARBLE_LLMAUTO names no llmauto checkout: llmauto is not run");
        Path source = Path.of(checkout);
        Assumptions.assumeTrue(LlmautoChain.problem(source) == null, () -> LlmautoChain.problem(source));
        StandInClaude claude = StandInClaude.install(temp.resolve("bin"));

        LlmautoChain.Outcome outcome = LlmautoChain.prepare(source, temp.resolve("parent"), claude.directory())
                .run(ChainOverhead.LINKS, 1);

        assertThat(outcome.links()).isEqualTo(3);
        assertThat(outcome.wallNanos()).isGreaterThan(15_000_000_000L); // three sleeps of 5 s: it really ran
        assertThat(temp.resolve("parent/llmauto/state/marble-bench/round_counter.txt")).hasContent("1");
        assertThat(source.resolve("state/marble-bench")).doesNotExist(); // the checkout itself is left alone
    }
}
