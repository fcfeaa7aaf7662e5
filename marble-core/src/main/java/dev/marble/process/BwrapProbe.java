package dev.marble.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Whether bubblewrap works here, tried once per executable and process: it may be installed and still refuse
 * (no user namespaces for unprivileged users, a container that forbids mounts). The try uses the namespaces and
 * mounts every sandboxed command needs, so a yes here means commands can run.
 */
final class BwrapProbe {

    /** Whether it works, and when not, bubblewrap's own words for why. */
    record Result(boolean works, String problem) {}

    private static final Map<Path, Result> RESULTS = new ConcurrentHashMap<>();

    private BwrapProbe() {}

    static Result probe(Path bwrap) {
        Result known = RESULTS.get(bwrap);
        if (known != null) return known;
        Result result = run(bwrap);
        // An interrupted try says nothing about bubblewrap: the next caller tries again.
        if (!Thread.currentThread().isInterrupted()) RESULTS.putIfAbsent(bwrap, result);
        return result;
    }

    private static Result run(Path bwrap) {
        List<String> argv = List.of(
                bwrap.toString(),
                "--die-with-parent",
                "--new-session",
                "--unshare-pid",
                "--unshare-ipc",
                "--unshare-uts",
                "--unshare-net",
                "--cap-drop",
                "ALL",
                "--ro-bind",
                "/",
                "/",
                "--dev",
                "/dev",
                "--proc",
                "/proc",
                "--tmpfs",
                "/tmp",
                "--",
                "/bin/sh",
                "-c",
                ":");
        try {
            Process process = ProcessStarter.start(new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))));
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(false, "it did not finish a trial run within 10 s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() == 0) return new Result(true, null);
            String line = output.lines().findFirst().orElse("exit code " + process.exitValue());
            return new Result(false, "a trial run failed: " + line);
        } catch (IOException e) {
            return new Result(false, "it cannot be started: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "the trial run was interrupted");
        }
    }
}
