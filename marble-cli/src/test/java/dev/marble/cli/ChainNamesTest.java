package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.chain.state.ChainLock;
import dev.marble.chain.state.Progress;
import dev.marble.chain.state.ProgressFile;
import dev.marble.chain.state.StateDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain commands that take a NAME refuse one that is no chain, before anything is read or written; status tells
 * a crashed chain from a running one and shows the round under way, the real runtime, the link that last ran and
 * why the chain last stopped; log -f ends with the chain.
 */
class ChainNamesTest {

    @TempDir
    Path temp;

    private CliRunner cli;

    private static final String CHAIN = """
            {"max_rounds": 3, "links": [{"name": "writer", "model": "scripted:r.yaml", "prompt": "Write it."},
                                       {"name": "checker", "model": "scripted:r.yaml", "prompt": "Check it."}]}
            """;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliRunner(temp);
        cli.write("chains/nightly.json", CHAIN);
    }

    private StateDir state() {
        return StateDir.of(cli.project().resolve("state"), "nightly");
    }

    @Test
    void aNameThatIsNoChainIsRefusedWithTheNearestAndNothingIsWritten() {
        for (String command : new String[] {"stop", "reset", "status", "log"}) {
            var result = cli.run("chain", command, "nightlly");
            assertThat(result.exit()).as(command).isEqualTo(ExitCode.USAGE.code());
            assertThat(result.err())
                    .as(command)
                    .isEqualTo("marble: error: no chain \"nightlly\" in chains/; did you mean \"nightly\"?\n");
            assertThat(result.out()).as(command).isEmpty();
        }
        var far = cli.run("chain", "stop", "weekly", "--now");
        assertThat(far.err()).contains("no chain \"weekly\" in chains/; available: nightly");
        assertThat(cli.project().resolve("state"))
                .as("stop and reset created state/NAME/ before")
                .doesNotExist();
        assertThat(cli.project().resolve("logs")).doesNotExist();
    }

    @Test
    void stopAndResetFindAChainByItsFileAsStartDoes() {
        var stop = cli.run("chain", "stop", "chains/nightly.json", "no", "more");
        assertThat(stop.exit()).as(stop.err()).isZero();
        assertThat(state().stopRequest()).hasValue("no more");
        var reset = cli.run("chain", "reset", "nightly.json");
        assertThat(reset.exit()).as(reset.err()).isZero();
        assertThat(state().stopRequest()).isEmpty();
    }

    @Test
    void aChainWhoseProcessIsGoneIsCrashedNotRunning() throws IOException {
        StateDir state = state();
        Files.createDirectories(state.dir());
        state.status("RUNNING");
        state.startTime(Instant.now().minusSeconds(7200));
        new ProgressFile(state)
                .write(new Progress(
                        1, 1, new Progress.InFlight(1, "checker", "run-1", Instant.now()), Map.of(), 0, null, 5400));
        // What a killed chain leaves: its pid in the lock file, and no process holding the lock.
        Files.writeString(state.dir().resolve("lock"), "4242\n");

        var status = cli.run("chain", "status", "nightly");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out())
                .contains("Status:  CRASHED: pid 4242 is gone; 'marble chain start nightly' resumes at link checker, "
                        + "round 2")
                .contains("Round:   2 / 3")
                .contains("Runtime: 1.5h / no limit")
                .doesNotContain("RUNNING");
    }

    @Test
    void aChainOnTemporalBetweenLinksIsNotTakenForACrashedOne() throws IOException {
        StateDir state = state();
        Files.createDirectories(state.dir());
        state.status("RUNNING");
        state.startTime(Instant.now().minusSeconds(600));
        new ProgressFile(state).write(new Progress(1, 1, null, Map.of(), 0, null, 600));
        // What a chain started on Temporal leaves between links: no process here holds its lock.
        Files.writeString(state.dir().resolve("engine.txt"), "temporal\nmarble-chain/x/nightly\n");

        var status = cli.run("status");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains("nightly").contains("RUNNING").doesNotContain("CRASHED");
    }

    @Test
    void aLocalStartOfAChainLastOnTemporalAsksTheEngineFirst() throws IOException {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        cli.write("marble.json", "{\"temporal\": {\"address\": \"127.0.0.1:" + closed + "\"}}");
        StateDir state = state();
        Files.createDirectories(state.dir());
        Files.writeString(state.dir().resolve("engine.txt"), "temporal\nmarble-chain/x/nightly\n");

        var start = cli.run("chain", "start", "nightly");

        assertThat(start.exit()).as(start.err()).isEqualTo(ExitCodes.ENGINE_UNAVAILABLE);
        assertThat(start.err().strip().lines()).hasSize(1);
        assertThat(state.dir().resolve("engine.txt"))
                .as("still on Temporal as far as anyone knows")
                .exists();
        assertThat(state.dir().resolve("handoff.md")).doesNotExist();
    }

    @Test
    void aRunningChainShowsTheRoundUnderWayAndItsRealRuntime() throws IOException {
        StateDir state = state();
        Files.createDirectories(state.dir());
        state.status("RUNNING");
        state.startTime(Instant.now().minusSeconds(3 * 3600));
        new ProgressFile(state)
                .write(new Progress(
                        0, 0, new Progress.InFlight(0, "writer", "run-1", Instant.now()), Map.of(), 0, null, 0));
        Files.setLastModifiedTime(
                new ProgressFile(state).file(), FileTime.from(Instant.now().minusSeconds(3 * 3600)));
        try (ChainLock held = ChainLock.acquire(state)) {
            String out = cli.run("chain", "status", "nightly").out();
            assertThat(out)
                    .contains("(running, pid " + ProcessHandle.current().pid() + ")")
                    .as("round 1 is under way")
                    .contains("Round:   1 / 3")
                    .as("three hours since the start, not the cursor's 0")
                    .contains("Runtime: 3.0h");
        }
    }

    @Test
    void statusNamesTheLinkThatLastRanAndWhyTheChainLastStopped() throws IOException {
        cli.write("w.yaml", "- {text: \"I wrote it.\"}\n");
        cli.write("c.yaml", "- {error: bad_request, message: \"HTTP 400 the prompt is too long\"}\n");
        cli.write("chains/nightly.json", """
                {"max_rounds": 3, "max_consecutive_failures": 1,
                 "links": [{"name": "writer", "model": "scripted:w.yaml", "prompt": "Write it."},
                           {"name": "checker", "model": "scripted:c.yaml", "prompt": "Check it."}]}
                """);
        var run = cli.run("chain", "start", "nightly");
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.MODEL_FAILED.code());

        String out = cli.run("chain", "status", "nightly").out();
        assertThat(out)
                .contains("Last link: checker")
                .contains("Last stop: MAX_FAILURES: 1/1; last error: checker: ")
                .contains("HTTP 400 the prompt is too long");
    }

    @Test
    @Timeout(30)
    void followingTheLogEndsWhenTheChainEnds() throws Exception {
        StateDir state = state();
        Path log = cli.write("logs/nightly.log", "first line\n");
        CompletableFuture<CliRunner.Result> following;
        try (ChainLock held = ChainLock.acquire(state)) {
            following = CompletableFuture.supplyAsync(() -> cli.run("chain", "log", "nightly", "-f"));
            Thread.sleep(600);
            assertThat(following).as("the chain runs: -f keeps following").isNotDone();
            Files.writeString(log, "last line\n", StandardOpenOption.APPEND);
        }
        CliRunner.Result result = following.get(10, TimeUnit.SECONDS);
        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("first line\nlast line\n");
    }

    @Test
    void followingTheLogOfAChainThatIsNotRunningEndsAtOnce() throws IOException {
        cli.write("logs/nightly.log", "the end\n");
        var result = cli.run("chain", "log", "nightly", "-f");
        assertThat(result.exit()).isZero();
        assertThat(result.out()).isEqualTo("the end\n");
        assertThat(result.err()).contains("nightly is not running");
    }
}
