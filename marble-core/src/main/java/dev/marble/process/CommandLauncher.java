package dev.marble.process;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Starts the commands Marble runs, one JVM-wide launcher for all of them, so that every command is contained the
 * same way (see the package description):
 * <ul>
 *   <li>in a bubblewrap {@link Sandbox} when one is given: {@code bwrap --die-with-parent} with a PID namespace,
 *       so nothing the command starts survives it or Marble;</li>
 *   <li>otherwise as {@code setpriv --pdeathsig KILL -- setsid -- ARGV}: the command leads a session of its own
 *       (found again by its session id) and is killed by the kernel when Marble dies;</li>
 *   <li>either way marked with {@code MARBLE_LAUNCH} (see {@link LaunchMarker}), started from one long-lived
 *       thread ({@link ProcessStarter}), and watched by the per-process {@link Reaper}.</li>
 * </ul>
 * Each wrapper that is missing here (setpriv, setsid, /proc) is left out, and {@link #containment()} says so.
 */
public final class CommandLauncher {

    private static final CommandLauncher SHARED = new CommandLauncher();

    private final List<Consumer<LaunchedCommand>> observers = new CopyOnWriteArrayList<>();

    private CommandLauncher() {}

    public static CommandLauncher shared() {
        return SHARED;
    }

    /** Starts {@code launch}; the caller ends it with {@link LaunchedCommand#stop()} or {@link
     * LaunchedCommand#endLeftovers()}. */
    public LaunchedCommand start(Launch launch) throws IOException {
        Reaper.ensureRunning();
        String marker = LaunchMarker.next();
        Map<String, String> environment = new HashMap<>(launch.environment().variables());
        // A Marble run by a command of another Marble marks its own commands; its watcher ends them if it dies.
        environment.remove(LaunchMarker.VARIABLE);
        List<String> argv = new ArrayList<>();
        Runnable afterEnd = () -> {};
        Tools.setsid().ifPresent(setsid -> argv.addAll(List.of(setsid.toString(), "--")));
        // instanceof, not a pattern switch, which on JDK 25 costs every start a generated class (docs/performance.md,
        // "Start-up"); a sandbox this does not know fails, it never runs unconfined.
        if (launch.sandbox() instanceof Sandbox.Bwrap bwrap) {
            // In bubblewrap the marker goes to the command inside only (--setenv), so that bubblewrap's own processes
            // are not counted as processes the command started.
            argv.addAll(BwrapCommand.argv(
                    bwrap, launch.directory(), launch.environment().home(), marker, launch.argv()));
            GitPlants plants = GitPlants.before(launch.directory().toRealPath());
            afterEnd = plants::sweep;
        } else if (launch.sandbox() instanceof Sandbox.None) {
            Tools.setpriv()
                    .ifPresent(setpriv -> argv.addAll(0, List.of(setpriv.toString(), "--pdeathsig", "KILL", "--")));
            environment.put(LaunchMarker.VARIABLE, marker);
            argv.addAll(launch.argv());
        } else {
            throw new IllegalArgumentException("not a sandbox Marble knows: " + launch.sandbox());
        }
        ProcessBuilder builder =
                new ProcessBuilder(argv).directory(launch.directory().toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        LaunchedCommand launched = new LaunchedCommand(
                ProcessStarter.start(builder), marker, Tools.setsid().isPresent(), afterEnd);
        for (Consumer<LaunchedCommand> observer : observers) observer.accept(launched);
        return launched;
    }

    /**
     * Tells {@code observer} of every command started from now until the returned handle is closed, on the thread
     * that started it (a chain records its link's Claude Code process this way, to end it after a crash).
     */
    public Observation observe(Consumer<LaunchedCommand> observer) {
        observers.add(observer);
        return () -> observers.remove(observer);
    }

    /** An observer's registration; closing it ends the observing. */
    @FunctionalInterface
    public interface Observation extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Ends a command another Marble process started (a restart's cleanup): the recorded process if it still runs
     * (the same one, not a reused pid) with its session, and every process carrying its marker. Returns how many
     * processes were ended.
     */
    public static int end(ProcessIdentity recorded, String marker) {
        ProcessHandle root = recorded.live().orElse(null);
        // The session only when the recorded process is alive: a dead one's pid may now lead someone else's session.
        long session = root != null && Tools.setsid().isPresent() ? root.pid() : 0;
        return ProcessSweep.end(
                        new ProcessSweep.Target(root, session, marker == null ? null : LaunchMarker.assignment(marker)))
                .processes();
    }

    /** Which of the means above work on this machine. */
    public static Containment containment() {
        return new Containment(
                ProcessTable.available(),
                Tools.setsid().isPresent(),
                Tools.setpriv().isPresent(),
                ProcessTable.available() && Reaper.ensureRunning());
    }
}
