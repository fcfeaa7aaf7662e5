package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.config.Version;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code marble status}, llmauto's top-level status: the version, then one line per chain of the project. */
class StatusCommandTest {

    @TempDir
    Path temp;

    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.write("links.yaml", "- text: \"## Task: notes\\n## Status: done\"\n");
        cli.write("chains/nightly.json", """
                {"max_rounds": 1, "runtime_hours": 4, "defaults": {"model": "scripted:links.yaml"},
                 "links": [{"name": "worker", "prompt": "Do the work."}]}
                """);
        cli.write("chains/review.json", """
                {"max_rounds": 0, "links": [{"name": "reviewer", "prompt": "Review it."}]}
                """);
        cli.write("chains/broken.json", "{\"links\": 3}\n");
    }

    @Test
    void theVersionThenEveryChainWithItsStatusRoundAndRuntimeOneLineEach() {
        assertThat(cli.run("chain", "start", "nightly").exit()).isZero();

        var status = cli.run("status");

        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out().lines().toList()).hasSize(6).satisfies(lines -> {
            assertThat(lines.get(0)).startsWith("marble " + Version.VERSION);
            assertThat(lines.get(1)).isEmpty();
            assertThat(lines.get(2)).matches("CHAIN +STATUS +ROUND +RUNTIME");
            assertThat(lines.get(3))
                    .startsWith("broken ")
                    .contains("never started")
                    .contains("(the chain file does not load: ");
            assertThat(lines.get(4)).matches("nightly +STOPPED +1 / 1 +0\\.0h / 4\\.0h max");
            assertThat(lines.get(5)).matches("review +never started +- +-");
        });
    }

    @Test
    void aFolderWithoutChainsSaysSoAfterTheVersion() throws IOException {
        Path empty = java.nio.file.Files.createDirectories(temp.resolve("empty"));
        var status = cli.run("status", "-C", empty.toString());
        assertThat(status.exit()).isZero();
        assertThat(status.out()).endsWith("\n\nNo chains in " + empty.resolve("chains") + ".\n");
    }
}
