package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.chain.state.StateDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job: the shipped worker → reviewer → controller chain, offline, from a copy of examples/. */
class ChainExampleTest {

    @TempDir
    Path temp;

    @Test
    void theReviewLoopExampleWritesRealHandoffsAndEndsAllDone() throws IOException {
        CliRunner cli = new CliRunner(temp);
        copy(Path.of("..", "examples", "review-loop"), cli.project());

        var result = cli.run("chain", "start", "review-loop");

        assertThat(result.exit()).as(result.err()).isZero();
        StateDir state = StateDir.of(cli.project().resolve("state"), "review-loop");
        assertThat(state.status()).isEqualTo("ALL_DONE");
        assertThat(state.round()).isEqualTo(2);
        assertThat(state.handoff()).contains("## Verdict: APPROVED");
        assertThat(Files.readString(state.dir().resolve("handoff_reviewer.md"))).contains("APPROVED");
        assertThat(Files.readString(cli.project().resolve("work/haiku.md"))).startsWith("# Downhill");
        assertThat(result.out())
                .contains("reviewer (reviewer): start scripted:replies.yaml")
                .contains("ROUND 1 COMPLETE")
                .contains("SHUTDOWN: ALL_TASKS_DONE");
        assertThat(result.err()).contains("[marble chain] review-loop: ALL_DONE");

        var status = cli.run("chain", "status", "review-loop");
        assertThat(status.out())
                .contains("Status:  ALL_DONE")
                .contains("Round:   2 / 5")
                .contains("Task status: APPROVED");

        var again = cli.run("chain", "start", "--reset", "review-loop");
        assertThat(again.exit()).isZero();
        assertThat(state.status()).isEqualTo("ALL_DONE");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path relative = from.relativize(file);
                if (relative.toString().startsWith("state")
                        || relative.toString().startsWith("logs")
                        || relative.toString().startsWith("work")) continue;
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) Files.createDirectories(target);
                else Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
