package dev.marble.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole harness, small: real chains through the real command tree, on the real stand-in. */
class ChainOverheadTest {

    @TempDir
    Path temp;

    private record Run(int exit, String out) {}

    private Run run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = ChainOverhead.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void measuresTheFloorMarbleAndScriptedChainsAndSaysWhyLlmautoWasNot() {
        Run run = run(
                "--samples",
                "2",
                "--warmup",
                "0",
                "--rounds",
                "1",
                "--scripted-rounds",
                "2",
                "--scripted-runs",
                "1",
                "--dir",
                temp.toString());

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out())
                .contains("a link runs: claude --model sonnet -p You are the worker.")
                .contains("--output-format stream-json")
                .containsPattern("(?m)^floor +the stand-in claude run directly: \\d+\\.\\d ms")
                .containsPattern("(?m)^marble +\\d+\\.\\d ms \\[")
                .containsPattern("(?m)^overhead +-?\\d+\\.\\d ms")
                .containsPattern("(?m)^scripted +3 links x 2 rounds, no subprocess, whole start: \\d+\\.\\d\\d s")
                .contains("llmauto    not measured: no checkout given (git clone https://github.com/lukisch/MarbleRun");
        // The chain's state writes are durable: the counting must see them (each forces a file and its directory).
        Matcher syncs = Pattern.compile("(?m)^file syncs (\\d+\\.\\d) per link").matcher(run.out());
        assertThat(syncs.find()).as(run.out()).isTrue();
        assertThat(Double.parseDouble(syncs.group(1))).isGreaterThanOrEqualTo(2.0);
        assertThat(temp).isEmptyDirectory(); // its temporary folder is removed
    }

    @Test
    void aCheckoutThatIsNotLlmautoIsNamedWithHowToGetIt() {
        Run run = run(
                "--samples",
                "1",
                "--warmup",
                "0",
                "--rounds",
                "1",
                "--scripted-runs",
                "0",
                "--dir",
                temp.toString(),
                "--llmauto",
                temp.resolve("nothing-here").toString());

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out())
                .contains("llmauto    not measured: no llmauto checkout at " + temp.resolve("nothing-here")
                        + " (llmauto.py is missing; git clone")
                .doesNotContain("scripted ");
    }

    @Test
    void aBadOptionIsOneLineAndExitCode2() {
        assertThat(run("--rounds", "0"))
                .isEqualTo(new Run(2, "chain bench: --rounds expects a whole number of at least 1, not '0'\n"));
        Run unknown = run("--round", "3");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.out())
                .startsWith("chain bench: unknown option --round (build/bench.sh --chain [--samples 20]")
                .hasLineCount(1);
    }
}
