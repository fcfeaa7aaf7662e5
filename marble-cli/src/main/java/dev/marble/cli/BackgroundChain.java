package dev.marble.cli;

import dev.marble.chain.ChainSpec;
import dev.marble.chain.run.ChainLog;
import dev.marble.chain.state.StateDir;
import dev.marble.error.MarbleException;
import dev.marble.json.Json;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code chain start --bg}: the same command in a process of its own that outlives the terminal. It runs under
 * {@code setsid} where there is one (a session of its own, so closing the terminal sends it no hangup), with no
 * input, and its output appended to the chain's log; its pid is the lock holder's, which status and stop read. This
 * command returns once the new process holds the lock.
 */
final class BackgroundChain {

    private static final Duration LOCK_WAIT = Duration.ofSeconds(60);

    private BackgroundChain() {}

    /**
     * {@code options}: flags of this start the background one takes too ({@code --reset}, {@code --sandbox});
     * {@code json}: print {@code {"pid": …, "log": …}} instead of the lines a person reads.
     */
    static int start(
            CliContext context, ChainHome home, Path file, ChainSpec chain, List<String> options, boolean json) {
        List<String> command = new ArrayList<>();
        context.environment().findExecutable("setsid").ifPresent(setsid -> command.add(setsid.toString()));
        command.add(ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()).stream()
                .takeWhile(argument -> !argument.equals(Main.class.getName()) && !argument.equals("-jar"))
                .toList());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(
                List.of("chain", "start", file.toString(), "-C", home.root().toString(), "--log-only"));
        command.addAll(options);
        Path log = ChainLog.file(home.logs(), chain.name());
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(home.root().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.clear();
            env.putAll(context.environment().variables());
            env.remove("CLAUDECODE");
            Process process = builder.start();
            if (!holdsTheChain(process, home.state(chain.name()))) {
                int exit = process.exitValue();
                // With --json standard output holds JSON only; this is an error, so it goes where errors go.
                (json ? context.err() : context.out())
                        .println("[marble chain] " + chain.name() + " ended at once (exit " + exit + "); see " + log);
                return exit;
            }
            if (json) {
                context.out()
                        .println(Json.write(
                                Json.object().put("pid", process.pid()).put("log", log.toString())));
                return ExitCodes.OK;
            }
            context.out()
                    .println("[marble chain] " + chain.name() + " started in the background (pid " + process.pid()
                            + "), log: " + log);
            context.out().println("  status: marble chain status " + chain.name());
            context.out()
                    .println(
                            "  stop:   marble chain stop " + chain.name() + "   (--now to interrupt the running link)");
            return ExitCodes.OK;
        } catch (IOException e) {
            throw new MarbleException("cannot start the chain in the background: " + e.getMessage(), e);
        }
    }

    /**
     * Waits until the new process holds the chain's lock, so that a {@code status}, {@code stop} or {@code log -f}
     * right after this command sees it running; false when it ended first (a chain that stopped at once).
     */
    private static boolean holdsTheChain(Process process, StateDir state) {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (ChainProcess.runningPid(state)
                        .filter(pid -> pid == process.pid())
                        .isPresent()) return true;
                if (process.waitFor(50, TimeUnit.MILLISECONDS)) return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.isAlive(); // still starting on a very busy machine: it runs; the log will say
    }
}
