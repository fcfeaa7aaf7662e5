package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the {@code marble} process ends: by returning from {@code main} when the command succeeded and nothing else
 * would keep the JVM alive (System.exit would first search the class path for a logger), otherwise through
 * System.exit, which sets the code and does not wait for leftover threads.
 */
class MainExitTest {

    @TempDir
    Path home;

    /** In a JVM of its own: this one has other tests' threads. */
    @Test
    void onlyAUserThreadLeftMeansExitingExplicitly() throws Exception {
        Ended probe = java(ThreadsProbeMain.class.getName());
        assertThat(probe.code()).isZero();
        assertThat(probe.out().strip()).isEqualTo("true true false"); // alone, with a daemon, with a user thread
    }

    @Test
    void aUserThreadIsSeenWhateverElseRuns() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Thread lingering = new Thread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        lingering.start();
        try {
            assertThat(Main.aloneAmongUserThreads()).isFalse();
        } finally {
            release.countDown();
            lingering.join();
        }
    }

    @Test
    void aSucceedingCommandEndsWithCodeZeroAndAFailingOneWithItsCode() throws Exception {
        Ended version = marble("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("marble ");
        Ended unknown = marble("no-such-command");
        assertThat(unknown.code()).isEqualTo(ExitCode.USAGE.code());
    }

    private record Ended(int code, String out) {}

    private Ended marble(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of(Main.class.getName()));
        all.addAll(List.of(args));
        return java(all.toArray(String[]::new));
    }

    /** A main class of this class path, with {@code args}, in a JVM of its own. */
    private Ended java(String... mainAndArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path")));
        command.addAll(List.of(mainAndArgs));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().put("HOME", home.toString());
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("marble ended").isTrue();
        return new Ended(process.exitValue(), out);
    }
}
