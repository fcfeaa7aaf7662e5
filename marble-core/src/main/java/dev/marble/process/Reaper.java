package dev.marble.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One watcher process per Marble process, for the case nothing inside Marble can handle: Marble killed with
 * SIGKILL (by the OOM killer, say), when no code of Marble's runs again. The watcher waits on a pipe only Marble
 * holds; the kernel closes it when Marble dies, however it dies, and the watcher then kills every process that
 * carries this Marble's marker, looking again until none is left. It runs in a session of its own, so Ctrl+C at
 * the terminal (which ends Marble's whole process group) does not end it first.
 */
final class Reaper {

    /**
     * {@code $1} is the owner part of the markers. {@code read} returns when the pipe closes. {@code grep -z} reads
     * an environment's NUL-separated entries as lines; zombies and other users' processes show none.
     */
    private static final String SCRIPT = """
            trap '' INT HUP QUIT
            read -r _ || :
            n=0
            while [ "$n" -lt 200 ]; do
              pids=$(grep -lzE "^%s=$1-[0-9]+\\$" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3)
              [ -n "$pids" ] || exit 0
              kill -KILL $pids 2>/dev/null
              n=$((n + 1))
              sleep 0.05
            done
            """.formatted(LaunchMarker.VARIABLE);

    private static Process watcher;
    private static OutputStream pipe; // held, never written: its closing is the signal

    private Reaper() {}

    /** Starts the watcher if it is not running; says whether one runs. */
    static synchronized boolean ensureRunning() {
        if (watcher != null && watcher.isAlive()) return true;
        if (!ProcessTable.available() || !Files.isExecutable(Path.of("/bin/sh"))) return false;
        List<String> argv = new ArrayList<>();
        Tools.setsid().ifPresent(setsid -> argv.add(setsid.toString()));
        argv.addAll(List.of("/bin/sh", "-c", SCRIPT, "marble-reaper", LaunchMarker.owner()));
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> environment = builder.environment();
        environment.remove(
                LaunchMarker.VARIABLE); // a Marble run by a command must not mark its watcher for the outer one
        try {
            watcher = ProcessStarter.start(builder);
            pipe = watcher.getOutputStream();
            Runtime.getRuntime().addShutdownHook(new Thread(Reaper::finishAtExit, "marble-reaper-exit"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * At a normal exit, does now what the watcher would do once Marble is gone, and waits for it: the JDK's
     * thread that waits for the watcher sits in native code, and HotSpot's exit waits up to 300 ms for threads in
     * native code, on every System.exit. Closing the pipe lets the watcher end every marked process (none should
     * outlive Marble anyway) and exit; that takes a few milliseconds.
     */
    private static void finishAtExit() {
        Process running;
        synchronized (Reaper.class) {
            running = watcher;
            try {
                if (pipe != null) pipe.close();
            } catch (IOException e) {
                // already closed: the watcher has its signal either way
            }
        }
        if (running == null) return;
        try {
            running.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
