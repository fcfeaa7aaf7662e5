package dev.marble.temporal.chain;

import static dev.marble.temporal.TestGit.git;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * "No process a tool starts outlives its limit" for the worker's own git: a remote that hangs. The worker's clone
 * reaches the bare repository through git's {@code ext::} transport, a script of the test's: it serves fetches with
 * {@code git upload-pack}, and where it is told to hang it {@code exec}s a {@code sleep 600} in its place, which
 * holds git's connection (and git) open without a word, as an ssh to a dead host does. Every process of the call
 * names the test's folder on its command line (git its {@code --git-dir}, the transport its URL, the sleep its
 * {@code argv[0]}), which is how the test finds what is left of it in {@code /proc}.
 */
@EnabledOnOs(OS.LINUX)
class GitHangsTest {

    @TempDir
    Path temp;

    private Path origin;
    private Path clone;
    private String start;

    @BeforeEach
    void repository() throws Exception {
        ChainOrigin made = ChainOrigin.create(temp);
        origin = made.origin();
        start = made.start();
        clone = temp.resolve("w1");
        git(temp, "clone", "-q", origin.toString(), clone.toString());
        // The user's own settings, as the worker finds them: ext:: allowed, origin behind the script.
        git(clone, "config", "protocol.ext.allow", "always");
        git(clone, "config", "remote.origin.url", "ext::" + temp.resolve("remote"));
    }

    @AfterEach
    void noneLeft() throws Exception {
        for (long pid : naming(temp.toString())) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void aFetchThatHangsIsEndedAtTheLimitWithEverythingItStarted() throws Exception {
        remote("upload-pack");
        GitWorkspace worker = new GitWorkspace(clone, "w1", Duration.ofSeconds(2));

        ApplicationFailure failure = assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> catchThrowableOfType(() -> worker.fetch(chain()), ApplicationFailure.class),
                "the hung fetch still blocks the step a minute on, 2 s past its limit");

        assertThat(failure).as("the step failed").isNotNull();
        assertThat(failure.getType()).isEqualTo(GitWorkspace.TIMED_OUT);
        assertThat(failure.isNonRetryable())
                .as("a hung remote may answer next time")
                .isFalse();
        assertThat(failure.getOriginalMessage())
                .startsWith("git fetch -q did not finish within 2 s in " + clone)
                .endsWith("it was ended with every process it started");
        assertThat(naming(temp.toString()))
                .as("git, its transport and the sleep holding them, once the step failed")
                .isEmpty();
    }

    @Test
    void aPushThatHangsFailsTheStepRetryablyNotAsARefusal() throws Exception {
        remote("receive-pack");
        // 5 s, not 2: the fetch, checkout, add and commit before the push must each finish well within it.
        GitWorkspace worker = new GitWorkspace(clone, "w1", Duration.ofSeconds(5));
        ChainRef chain = chain();
        String head = worker.fetch(chain);
        worker.checkout(chain, head);
        Files.writeString(worker.dir(chain).resolve("work.txt"), "done\n");

        ApplicationFailure failure = assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> catchThrowableOfType(
                        () -> worker.publish(chain, head, "link 1 of round 1"), ApplicationFailure.class),
                "the hung push still blocks the step a minute on, 5 s past its limit");

        assertThat(failure).as("the step failed").isNotNull();
        assertThat(failure.getType())
                .as("ended at the limit; the branch never refused it")
                .isEqualTo(GitWorkspace.TIMED_OUT);
        assertThat(failure.isNonRetryable()).isFalse();
        assertThat(failure.getOriginalMessage()).startsWith("git push -q did not finish within 5 s");
        assertThat(naming(temp.toString())).isEmpty();
        assertThat(git(origin, "rev-parse", "marble/chain/c"))
                .as("nothing was pushed")
                .isEqualTo(start);
    }

    @Test
    void gitAndWhatItStartedDieWhenTheWorkerIsKilledWithSigkill() throws Exception {
        String sleep = remote("upload-pack");
        Process workerJvm = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        GitHangMain.class.getName(),
                        clone.toString())
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("worker.log").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (naming(sleep).isEmpty()) {
                assertThat(workerJvm.isAlive())
                        .as("the worker waits on git (its output: %s)", Files.readString(temp.resolve("worker.log")))
                        .isTrue();
                assertThat(System.nanoTime()).as("the remote's sleep started").isLessThan(deadline);
                Thread.sleep(50);
            }
            List<Long> started = naming(temp.toString());
            started.remove(workerJvm.pid());
            assertThat(started).as("git, its transport and the sleep").hasSizeGreaterThanOrEqualTo(3);

            workerJvm.destroyForcibly(); // SIGKILL: no code of the worker's runs again
            assertThat(workerJvm.waitFor(10, TimeUnit.SECONDS)).isTrue();

            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!naming(temp.toString()).isEmpty() && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(naming(temp.toString()))
                    .as("what the killed worker's git was running, 10 s after the kill")
                    .isEmpty();
        } finally {
            workerJvm.destroyForcibly();
        }
    }

    /**
     * Writes the remote's script, which hangs for {@code service} ({@code upload-pack} for a fetch, {@code
     * receive-pack} for a push) and serves the other. Returns the hanging sleep's {@code argv[0]}.
     */
    private String remote(String service) throws IOException {
        String sleep = temp.resolve("hung-sleep").toString();
        Path script = temp.resolve("remote");
        Files.writeString(script, """
                #!/bin/bash
                if [ "$GIT_EXT_SERVICE_NOPREFIX" = %s ]; then exec -a %s sleep 600; fi
                exec git "$GIT_EXT_SERVICE_NOPREFIX" %s
                """.formatted(service, sleep, origin));
        assertThat(script.toFile().setExecutable(true)).isTrue();
        return sleep;
    }

    private ChainRef chain() {
        return new ChainRef(
                ChainRef.workflowId(clone, "c"),
                clone.toString(),
                clone.resolve("chains/c.json").toString(),
                "c",
                new ChainRef.Git("chains/c.json", start));
    }

    /** Live processes whose command line contains {@code text}; zombies have none. */
    private static List<Long> naming(String text) throws IOException {
        List<Long> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            for (Path dir : proc.toList()) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) continue;
                try {
                    String cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmdline.contains(text)) found.add(Long.parseLong(name));
                } catch (IOException gone) {
                    // ended meanwhile
                }
            }
        }
        return found;
    }
}
