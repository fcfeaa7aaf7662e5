package dev.marble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.marble.chain.state.StateDir;
import dev.marble.testkit.StandInClaude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power-loss tests: a real {@code marble chain start} process (with its stand-in claude children, in a session of
 * their own) is killed with SIGKILL at random moments, over and over, and restarted, until the chain finishes.
 * Every link appends its own line to the handoff, so the final handoff is a ledger of the links that counted: it
 * must list every link of every round exactly once, in order. A link run twice (without the handoff restored) or a
 * finished link lost would show there, as would a half-written state file.
 */
class ChainCrashTest {

    private static final int ROUNDS = 4;
    /** Starts killed at a random moment before the last one, which runs to the end. */
    private static final int KILLED_ATTEMPTS = 25;

    private static final List<String> LINKS = List.of("worker", "reviewer", "controller");

    @TempDir
    Path temp;

    @Test
    void killedAtAnyMomentTheChainResumesAndRunsEveryLinkExactlyOncePerRound() throws Exception {
        Path setsid = Stream.of("/usr/bin/setsid", "/bin/setsid")
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        // util-linux is essential on Debian and everywhere CI runs: a missing setsid is a broken machine, not a skip.
        assertThat(setsid)
                .as("setsid (util-linux), to kill the chain with its children as power loss would")
                .isNotNull();
        Path project = Files.createDirectories(temp.resolve("project"));
        Files.createDirectories(project.resolve("chains"));
        Files.writeString(project.resolve("chains/crash.json"), """
                {"max_rounds": %d, "links": [
                  {"name": "worker", "model": "sonnet", "prompt": "worker {ROUND}"},
                  {"name": "reviewer", "model": "opus", "prompt": "reviewer {ROUND}"},
                  {"name": "controller", "model": "haiku", "prompt": "controller {ROUND}"}]}
                """.formatted(ROUNDS));
        StandInClaude claude = StandInClaude.install(temp.resolve("bin"));
        Path starts = temp.resolve("starts.txt");
        // The agent: note the start, take a while, append its line to the handoff as an agent would (not atomically).
        String agent = "echo \"$STANDIN_CLAUDE_PROMPT\" >> " + starts + "; sleep 0.3;"
                + " printf '%s\\n' \"$STANDIN_CLAUDE_PROMPT\" >> state/crash/handoff.md";

        Random random = new Random(42);
        int kills = 0;
        int exit = -1;
        for (int attempt = 1; attempt <= KILLED_ATTEMPTS + 1; attempt++) {
            ProcessBuilder builder = new ProcessBuilder(
                            setsid.toString(),
                            javaExecutable(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            Main.class.getName(),
                            "chain",
                            "start",
                            "crash")
                    .directory(project.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(temp.resolve("attempt-" + attempt + ".log").toFile());
            builder.environment().put("PATH", claude.directory() + ":/usr/bin:/bin");
            builder.environment().put("HOME", temp.resolve("home").toString());
            builder.environment().put("STANDIN_CLAUDE_AGENT", agent);
            Process process = builder.start();
            boolean last = attempt == KILLED_ATTEMPTS + 1;
            // Kill once a link of this attempt has begun, at a random point in it or just after: the JVM's start-up
            // (which varies with the machine's load) must not decide where the kill lands.
            if (!last && linkStarted(process, starts) && !process.waitFor(random.nextInt(500), TimeUnit.MILLISECONDS)) {
                new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid())
                        .start()
                        .waitFor();
                process.waitFor();
                kills++;
                continue;
            }
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            exit = process.exitValue();
            assertThat(exit)
                    .as(Files.readString(temp.resolve("attempt-" + attempt + ".log")))
                    .isZero();
        }

        assertThat(exit).isZero();
        assertThat(kills).as("the chain was really killed, many times").isGreaterThanOrEqualTo(10);
        StateDir state = StateDir.of(project.resolve("state"), "crash");
        List<String> expected = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) for (String link : LINKS) expected.add(link + " " + round);
        List<String> handoff = state.handoff()
                .lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
        assertThat(handoff).as("each link once per round, in order").containsExactlyElementsOf(expected);
        assertThat(Files.readAllLines(starts).size())
                .as("some links were cut short and run again")
                .isGreaterThan(expected.size());
        assertThat(Files.readString(project.resolve("logs/crash.log"))).contains("RESUME:");
        assertThat(state.round()).isEqualTo(ROUNDS);
        assertThat(state.status()).isEqualTo("STOPPED");
        assertThat(state.lastShutdown()).hasValueSatisfying(r -> assertThat(r).contains("MAX_ROUNDS: 4/4"));
        try (Stream<Path> files = Files.list(state.dir())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary file left behind")
                    .noneMatch(name -> name.endsWith(".tmp") || name.startsWith("."));
        }
    }

    /** Waits until the ledger of link starts grows, or the process ends; true when a link began. */
    private static boolean linkStarted(Process process, Path starts) throws Exception {
        long before = lines(starts);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (process.isAlive() && System.nanoTime() < deadline) {
            if (lines(starts) > before) return true;
            Thread.sleep(10);
        }
        return false;
    }

    private static long lines(Path file) throws IOException {
        if (!Files.exists(file)) return 0;
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
