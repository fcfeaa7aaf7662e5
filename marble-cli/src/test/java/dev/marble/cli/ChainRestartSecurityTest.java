package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.chain.state.Progress;
import dev.marble.chain.state.ProgressFile;
import dev.marble.chain.state.StateDir;
import dev.marble.process.ProcessIdentity;
import dev.marble.testkit.StandInClaude;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once when only Marble's JVM dies (the OOM killer kills one process, not its group): the Claude Code CLI
 * it started must not live on to append to the handoff that the next start restores and hands to the link again.
 * The CLI dies with Marble; and a restart ends whatever the progress file says the last start's link left running,
 * before it restores the handoff.
 */
class ChainRestartSecurityTest {

    @TempDir
    Path temp;

    private static final String CHAIN = """
            {"max_rounds": 1, "links": [{"name": "worker", "model": "sonnet", "prompt": "worker {ROUND}"}]}
            """;

    @Test
    void aClaudeLeftRunningByAKilledStartIsEndedBeforeTheHandoffIsRestored() throws Exception {
        CliRunner cli = new CliRunner(temp);
        StandInClaude claude = StandInClaude.install(temp.resolve("bin"));
        cli.env("PATH", claude.directory() + ":/usr/bin:/bin")
                .env("STANDIN_CLAUDE_AGENT", "printf '%s\\n' \"$STANDIN_CLAUDE_PROMPT\" >> state/c/handoff.md");
        cli.write("chains/c.json", CHAIN);
        StateDir state = StateDir.of(cli.project().resolve("state"), "c");
        state.handoff("# handoff\n");
        state.snapshotHandoff();
        // The last start's claude, still at work: in a session of its own, marked as the launcher marks, about to
        // append to the handoff. The progress file records it as the in-flight link's child.
        String marker = "999999-1-1";
        String sleep = uniqueSleep();
        ProcessBuilder builder = new ProcessBuilder(
                        "setsid", "sh", "-c", "sleep " + sleep + "; echo LATE >> state/c/handoff.md")
                .directory(cli.project().toFile());
        builder.environment().put("MARBLE_LAUNCH", marker);
        Process leftover = builder.start();
        List<Long> sleeps = awaitRunning(sleep);
        ProcessIdentity identity = ProcessIdentity.of(leftover.toHandle()).orElseThrow();
        new ProgressFile(state)
                .write(Progress.initial(0)
                        .starting(new Progress.InFlight(0, "worker", "run-1", Instant.now()))
                        .withChild(new Progress.Child(identity, marker)));

        var result = cli.run("chain", "start", "c");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(leftover.waitFor(5, TimeUnit.SECONDS))
                .as("the recorded claude was ended")
                .isTrue();
        assertGone(sleeps); // what it started too, found by its marker
        assertThat(state.handoff()).isEqualTo("# handoff\nworker 1\n");
        assertThat(Files.readString(cli.project().resolve("logs/c.log")))
                .containsPattern("ENDED: 2 processes that worker left running when the last start died \\(pid "
                        + leftover.pid() + ", started .*\\)")
                .contains("RESUME: worker did not finish");
    }

    @Test
    void killingOnlyTheJvmTakesItsClaudeAlongAndTheLinkCountsOnce() throws Exception {
        Path project = Files.createDirectories(temp.resolve("project"));
        Files.createDirectories(project.resolve("chains"));
        Files.writeString(project.resolve("chains/c.json"), CHAIN);
        StandInClaude claude = StandInClaude.install(temp.resolve("bin"));
        Path starts = temp.resolve("starts.txt");
        String sleep = uniqueSleep();
        // The agent notes that it started, works a while, then appends its line to the handoff.
        String agent = "echo started >> " + starts + "; sleep " + sleep
                + "; printf '%s\\n' \"$STANDIN_CLAUDE_PROMPT\" >> state/c/handoff.md";
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "chain",
                        "start",
                        "c")
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("killed-start.log").toFile());
        builder.environment().put("PATH", claude.directory() + ":/usr/bin:/bin");
        builder.environment()
                .put("HOME", Files.createDirectories(temp.resolve("home")).toString());
        builder.environment().put("STANDIN_CLAUDE_AGENT", agent);
        Process marble = builder.start();
        try {
            List<Long> working = awaitRunning(sleep);
            marble.destroyForcibly(); // kill -9 of the JVM alone: its claude is not in its process group any more
            assertThat(marble.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertGone(working);
        } finally {
            marble.destroyForcibly();
        }

        CliRunner cli = new CliRunner(temp);
        cli.env("PATH", claude.directory() + ":/usr/bin:/bin")
                .env("STANDIN_CLAUDE_AGENT", "printf '%s\\n' \"$STANDIN_CLAUDE_PROMPT\" >> state/c/handoff.md");
        var result = cli.run("chain", "start", "c");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(StateDir.of(project.resolve("state"), "c").handoff().lines().filter(line -> line.equals("worker 1")))
                .as("the link's line, once")
                .hasSize(1);
    }

    private static String uniqueSleep() {
        return (3000 + ThreadLocalRandom.current().nextInt(6000)) + "."
                + (10 + ThreadLocalRandom.current().nextInt(89));
    }

    /** The running processes whose command line is {@code sleep ARGUMENT}, once there is one. */
    private static List<Long> awaitRunning(String argument) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<Long> pids = ProcessHandle.allProcesses()
                    .filter(p -> running(p.pid()) && isSleep(p.pid(), argument))
                    .map(ProcessHandle::pid)
                    .toList();
            if (!pids.isEmpty()) return pids;
            Thread.sleep(20);
        }
        throw new AssertionError("no process ran 'sleep " + argument + "'");
    }

    private static boolean isSleep(long pid, String argument) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline"), StandardCharsets.ISO_8859_1)
                    .equals("sleep\0" + argument + "\0");
        } catch (IOException e) {
            return false;
        }
    }

    /** Not running, or a zombie waiting for whoever inherited it. */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.ISO_8859_1);
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** Every one of {@code pids} stops within a few seconds (an upper bound for a kill already sent). */
    private static void assertGone(List<Long> pids) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (pids.stream().anyMatch(ChainRestartSecurityTest::running) && System.nanoTime() < deadline)
            Thread.sleep(50);
        List<Long> alive =
                pids.stream().filter(ChainRestartSecurityTest::running).toList();
        alive.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        assertThat(alive).as("still running").isEmpty();
    }
}
