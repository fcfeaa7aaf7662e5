package dev.marble.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole start-up bench, one round: the real launcher and jar, the floor jar with a cache of its own, the
 * review-loop chain run for real, the stand-in claude. Figures are not checked (no timed assertions); that every
 * command ran, printed what it should, and was reported is.
 */
@Timeout(900) // the first start after a build trains Marble's start-up cache
class StartupBenchIT {

    @TempDir
    Path temp;

    @Test
    void measuresEveryShortCommandBesideTheFloorAndSaysWhyLlmautoWasNot() {
        Path root = Path.of(System.getProperty("marble.root", ".."))
                .toAbsolutePath()
                .normalize();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = StartupBench.run(
                new String[] {"--rounds", "1", "--warmup", "0", "--dir", temp.toString()},
                new PrintStream(bytes, true, StandardCharsets.UTF_8),
                root);
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(out).isZero();
        assertThat(out)
                .containsPattern("(?m)^start-up of short commands as whole processes; \\S+/bin/java \\(")
                .containsPattern("(?m)^floor \\(picocli \\+ Jackson hello\\) +\\d+ \\[")
                .containsPattern("(?m)^marble --version +\\d+ \\[.* \\d+\\.\\d\\d × \\(\\d+\\.\\d\\d ×\\) floor$")
                .containsPattern("(?m)^marble chain status +\\d+ \\[.* floor$")
                .containsPattern("(?m)^marble config +\\d+ \\[.* floor$")
                .containsPattern("(?m)^marble logs +\\d+ \\[.* floor$")
                .containsPattern("(?m)^marble pipe \\(replay file\\) +\\d+ \\[.* floor$")
                .containsPattern("(?m)^marble pipe -m sonnet hello +\\d+ \\[")
                .contains("llmauto not measured: no checkout given");
        // JDK 25 and newer: the launcher upgrades picocli's old classes for the AOT cache, and the floor's too.
        if (out.contains("(AOT cache"))
            assertThat(out).containsPattern("(?m)^floor, old classes not upgraded +\\d+ \\[");
    }
}
