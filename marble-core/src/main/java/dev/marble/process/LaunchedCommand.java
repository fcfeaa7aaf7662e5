package dev.marble.process;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A command {@link CommandLauncher} started. Its output and exit code are the {@link #process()}'s; ending it
 * goes through {@link #stop()} and {@link #endLeftovers()}, which find everything it started, wherever it went.
 */
public final class LaunchedCommand {

    private final Process process;
    private final String marker;
    private final boolean ownSession;
    private final ProcessIdentity identity;

    /** What to do once nothing of the command runs any more (the sandbox's {@link GitPlants} sweep), at most once. */
    private Runnable afterEnd;

    LaunchedCommand(Process process, String marker, boolean ownSession, Runnable afterEnd) {
        this.process = process;
        this.marker = marker;
        this.ownSession = ownSession;
        this.identity = ProcessIdentity.of(process.toHandle()).orElse(null);
        this.afterEnd = afterEnd;
    }

    public Process process() {
        return process;
    }

    /** The value of {@code MARBLE_LAUNCH} that every process of this command carries. */
    public String marker() {
        return marker;
    }

    /** The first process's pid and start, to find it again from another Marble process; empty if unknown. */
    public Optional<ProcessIdentity> identity() {
        return Optional.ofNullable(identity);
    }

    /**
     * Ends the command and everything it started, and waits until none of it runs. Returns how many processes
     * the command had started (itself and Marble's own wrappers not counted).
     */
    public int stop() {
        boolean running = process.isAlive();
        ProcessSweep.Ended ended = ProcessSweep.end(target());
        awaitExit();
        ended();
        return Math.max(0, ended.marked() - (running ? 1 : 0));
    }

    /**
     * After the command exited: ends what it left running (a job put in the background, a daemon). No process a
     * command starts outlives the command; a server a command needs is started and used within one command.
     */
    public int endLeftovers() {
        int processes = ProcessSweep.end(target()).processes();
        if (!process.isAlive()) ended();
        return processes;
    }

    private synchronized void ended() {
        Runnable after = afterEnd;
        afterEnd = null;
        if (after != null) after.run();
    }

    private ProcessSweep.Target target() {
        return new ProcessSweep.Target(
                process.toHandle(), ownSession ? process.pid() : 0, LaunchMarker.assignment(marker));
    }

    private void awaitExit() {
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
