package dev.marble.temporal.chain;

import dev.marble.config.Environment;
import dev.marble.process.CommandLauncher;
import dev.marble.process.Launch;
import dev.marble.process.LaunchedCommand;
import dev.marble.process.Sandbox;
import dev.marble.secret.SecretVariables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One call of the worker's own {@code git}, started through Marble's launcher like every command a link runs: in a
 * session of its own, killed by the kernel when the worker dies ({@code setpriv --pdeathsig}), and marked, so that
 * the worker's watcher ends whatever it started (the ssh or credential helper of a push) even after a SIGKILL. A
 * call that does not finish within its limit is ended with every process it started: a push waiting on ssh or a
 * fetch from a dead remote holds the step up to the limit, never longer.
 */
final class GitProcess {

    /** How long one git call may take: long enough for a big fetch over a slow line, short of a hung step. */
    static final Duration LIMIT = Duration.ofMinutes(5);

    /** After git exited: how long whatever it left (and ended) may take to close the output it still holds. */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    /** How a call ended. */
    sealed interface Outcome {}

    /** git exited with {@code code}; {@code output} is its standard output and error, as they came. */
    record Exited(int code, String output) implements Outcome {}

    /** git was still running at the limit, and was ended with everything it started. */
    record TimedOut(Duration limit) implements Outcome {}

    /** git never ran, or the worker was interrupted while it did (it was ended then). */
    record NotRun(String reason) implements Outcome {}

    private GitProcess() {}

    /** Runs {@code command} (starting with {@code git}) in {@code dir}, for at most {@code limit}. */
    static Outcome run(Path dir, Duration limit, List<String> command) {
        List<String> line = new ArrayList<>(command);
        // No hooks, no file system monitor: either would run a program of the repository's choosing with the worker's
        // own rights, outside the sandbox, and the worker's own moves need neither (see GitWorkspace.Repository).
        if (line.getFirst().equals("git"))
            line.addAll(1, List.of("-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false"));
        LaunchedCommand launched;
        try {
            launched = CommandLauncher.shared()
                    .start(new Launch(
                            line,
                            dir,
                            environment(dir),
                            new Sandbox.None("the worker's own git: its clone, its credentials and the remote")));
        } catch (IOException e) {
            return new NotRun("cannot run git: " + e.getMessage());
        }
        Process process = launched.process();
        try {
            process.getOutputStream().close(); // nothing to read: a git asking for input fails at once
        } catch (IOException e) {
            // already closed: git sees the end of its input either way
        }
        // The launcher keeps the two streams apart; git's error line is what a failure quotes, so both go into one
        // buffer as they come. Each on a thread of its own: a read blocks for as long as any process of git's holds
        // the pipe open, which is exactly the hang the limit is there for.
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread out = drain(process.getInputStream(), output);
        Thread err = drain(process.getErrorStream(), output);
        try {
            // What git left running (an ssh it started and did not wait for) ends with it, and with it the pipe.
            LaunchedCommand.Ending ending = launched.awaitWithin(limit, DRAIN, out, err);
            if (!ending.finished()) return new TimedOut(limit);
            return new Exited(process.exitValue(), output.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new NotRun("interrupted");
        } finally {
            if (process.isAlive()) launched.stop();
        }
    }

    /**
     * The worker's variables without its secrets (git needs none of the model keys; its own credentials come from
     * its helpers), and no password prompt: a remote asking for one fails, never waits.
     */
    private static Environment environment(Path dir) {
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.keySet().removeIf(SecretVariables::looksSecret);
        variables.put("GIT_TERMINAL_PROMPT", "0");
        String home = variables.getOrDefault("HOME", System.getProperty("user.home"));
        return new Environment(variables, dir, Path.of(home));
    }

    private static Thread drain(InputStream stream, ByteArrayOutputStream into) {
        return Thread.ofVirtual().name("git-output").start(() -> {
            try (stream) {
                stream.transferTo(into); // ByteArrayOutputStream.write is synchronized: chunks, never bytes, mix
            } catch (IOException e) {
                // the pipe closed under the read (git ended): what came before it is kept
            }
        });
    }
}
