package dev.marble.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * llmauto beside Marble: what the harness says when it has no checkout. Running llmauto itself needs its
 * source from GitHub, which no build here can fetch, so it is exercised by {@code build/bench.sh --chain
 * --llmauto DIR} (which fails loudly when llmauto misbehaves), not by a test that would always be skipped.
 */
class LlmautoChainTest {

    @TempDir
    Path temp;

    @Test
    void whatIsMissingIsSaid() throws Exception {
        assertThat(LlmautoChain.problem(null)).startsWith("no checkout given (git clone");
        Files.writeString(temp.resolve("llmauto.py"), "");
        assertThat(LlmautoChain.problem(temp))
                .isEqualTo("no llmauto checkout at " + temp + " (__main__.py is missing; " + LlmautoChain.HOW_TO_GET
                        + ")");
    }
}
