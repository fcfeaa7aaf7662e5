package dev.marble.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.config.Environment;
import dev.marble.testkit.Peers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Marble killed with SIGKILL (the OOM killer's way: no code of Marble's runs again) must take every process its
 * commands started with it. A real second JVM launches a command through the launcher, the command starts a
 * foreground sleep, a background one and one that double-forked into a session of its own, and the test kills
 * the JVM with {@code kill -9}. With plain {@code ProcessBuilder}, as before, all three sleeps lived on.
 */
class DieWithMarbleSecurityTest {

    @TempDir
    Path workspace;

    @Test
    void outsideTheSandboxEverythingACommandStartedDiesWithMarble() throws Exception {
        assertDiesWithMarble("off");
    }

    @Test
    void insideTheSandboxEverythingACommandStartedDiesWithMarble() throws Exception {
        Peers.requireThat(
                "bubblewrap",
                SandboxChooser.problem(Environment.system()).isEmpty(),
                SandboxChooser.problem(Environment.system()).orElse(""));
        assertDiesWithMarble("bwrap");
    }

    /**
     * A normal exit (System.exit, as every marble command ends) ends what a command left running too, through the
     * watcher, which the exit then waits for: were it still running, the JDK thread that waits for it would sit
     * in native code, and HotSpot's exit waits up to 300 ms for such threads.
     */
    @Test
    void aNormalExitEndsWhatCommandsLeftRunningAndTheWatcherWithIt() throws Exception {
        String sleep = Processes.uniqueSleep();
        Process marble = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-XX:-UsePerfData",
                        "-cp",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                        LaunchAndHoldMain.class.getName(),
                        "off",
                        workspace.toString(),
                        "(setsid sleep " + sleep + " &); sleep " + sleep,
                        "exit")
                .redirectErrorStream(true)
                .start();
        try {
            String line = new BufferedReader(new InputStreamReader(marble.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(line).as("the child JVM launched the command").startsWith("launched ");
            List<Long> sleeps = Processes.awaitStarted(sleep, 2);
            List<ProcessHandle> watchers = marble.descendants()
                    .filter(p -> p.info()
                            .arguments()
                            .map(a -> List.of(a).contains("marble-reaper"))
                            .orElse(false))
                    .toList();
            assertThat(watchers).as("the watcher runs while the JVM does").hasSize(1);

            marble.getOutputStream().write('\n');
            marble.getOutputStream().flush();
            assertThat(marble.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(watchers.getFirst().isAlive())
                    .as("the exit waited for the watcher")
                    .isFalse();
            Processes.assertAllGone(sleeps);
        } finally {
            marble.destroyForcibly();
            Processes.withArgument(sleep)
                    .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    private void assertDiesWithMarble(String sandbox) throws Exception {
        String sleep = Processes.uniqueSleep();
        String command = "(setsid sleep " + sleep + " &); sleep " + sleep + " & sleep " + sleep;
        Process marble = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-XX:-UsePerfData",
                        "-cp",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                        LaunchAndHoldMain.class.getName(),
                        sandbox,
                        workspace.toString(),
                        command)
                .redirectErrorStream(true)
                .start();
        try {
            String line = new BufferedReader(new InputStreamReader(marble.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(line).as("the child JVM launched the command").startsWith("launched ");
            List<Long> sleeps = Processes.awaitStarted(sleep, 3);

            marble.destroyForcibly(); // SIGKILL
            assertThat(marble.waitFor(30, TimeUnit.SECONDS)).isTrue();

            Processes.assertAllGone(sleeps);
        } finally {
            marble.destroyForcibly();
            Processes.withArgument(sleep)
                    .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }
}
