package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.testkit.Peers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real terminal for the ITs that drive {@code ./marble} as a person would: a tmux server of the test's own (its
 * socket named for the test and this JVM, so parallel checkouts never share one), keys sent, the screen read back.
 */
final class TmuxScreen {
    private final String socket;

    private TmuxScreen(String name) {
        this.socket = "marble-" + name + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    }

    /** A screen for the test {@code name}; the test cannot run (and says why) where tmux is not installed. */
    static TmuxScreen forTest(String name) throws InterruptedException {
        boolean installed;
        try {
            installed = new ProcessBuilder("sh", "-c", "command -v tmux")
                            .redirectErrorStream(true)
                            .start()
                            .waitFor()
                    == 0;
        } catch (java.io.IOException e) {
            installed = false;
        }
        Peers.requireThat("tmux", installed, "tmux is not installed (apt-get install tmux)");
        return new TmuxScreen(name);
    }

    /** Named keys (Enter, Up, C-a) are pressed; anything else is typed literally. */
    void keys(String... keys) throws Exception {
        for (String key : keys) {
            boolean named = key.equals("Enter") || key.equals("Up") || key.matches("C-[a-z]");
            if (named) tmux("send-keys", "-t", "0", key);
            else tmux("send-keys", "-t", "0", "-l", key);
        }
    }

    void awaitScreen(String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (screen().contains(text)) return;
            Thread.sleep(100);
        }
        assertThat(screen()).as("the screen after %d s", seconds).contains(text);
    }

    String screen() throws Exception {
        return tmux("capture-pane", "-p", "-t", "0");
    }

    /** Runs one tmux command on this test's server and returns what it printed. */
    String tmux(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return output;
    }
}
