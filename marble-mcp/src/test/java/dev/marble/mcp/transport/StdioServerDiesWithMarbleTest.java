package dev.marble.mcp.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * "No process outlives Marble, even SIGKILL" (docs/security.md) for MCP servers over stdio: a JVM starts a server
 * that runs {@code cat} (it ends at the end of its input, as servers do) and leaves a {@code sleep} of its own in the
 * background, and is then killed with SIGKILL, as a worker running an agent with MCP tools can be. Neither may live
 * on: before the servers were started through Marble's launcher, the {@code sleep} did (nothing marked it, and its
 * parent's end did not end it).
 */
@EnabledOnOs(OS.LINUX)
class StdioServerDiesWithMarbleTest {

    @TempDir
    Path temp;

    @Test
    void aServerAndWhatItStartedDieWhenMarbleIsKilledWithSigkill() throws Exception {
        String tag = "marble-mcp-orphan-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Process marble = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        StdioHoldMain.class.getName(),
                        "(exec -a " + tag + " sleep 300 >/dev/null 2>&1) & exec cat",
                        temp.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(marble.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).startsWith("started ");
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (tagged(tag).isEmpty()) {
                assertThat(System.nanoTime()).as("the server's sleep started").isLessThan(deadline);
                Thread.sleep(20);
            }

            marble.destroyForcibly(); // SIGKILL
            marble.waitFor(10, TimeUnit.SECONDS);

            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!tagged(tag).isEmpty() && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(tagged(tag))
                    .as("the server's sleep, 10 s after Marble was killed")
                    .isEmpty();
        } finally {
            marble.destroyForcibly();
            for (long pid : tagged(tag)) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Processes whose command line starts with {@code tag} (their argv[0]); zombies have none. */
    private static List<Long> tagged(String tag) throws IOException {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            for (Path dir : proc.toList()) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                try {
                    String cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmdline.startsWith(tag + "\0") || cmdline.equals(tag)) found.add(Long.parseLong(name));
                } catch (IOException gone) {
                    // ended meanwhile
                }
            }
        }
        return found;
    }
}
