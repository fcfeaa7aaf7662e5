package dev.marble.process;

import java.time.Duration;
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

    /**
     * How {@link #awaitWithin} ended: whether the command exited within its limit (else it was stopped), how many
     * processes it had started that the stop ended, and whether every reader of its output came to the end of it.
     */
    public record Ending(boolean finished, int stopped, boolean drained) {}

    /**
     * Waits for the command up to {@code limit}; past it, {@link #stop()}s it with everything it started, else ends
     * what it left running ({@link #endLeftovers()}). Then gives {@code readers} (threads reading its output) until
     * {@code grace} is over to finish: a process that escaped both (it cleared its environment and left the session)
     * can still hold a pipe open. Interrupted, it stops the command and says so.
     */
    public Ending awaitWithin(Duration limit, Duration grace, Thread... readers) throws InterruptedException {
        boolean finished;
        try {
            finished = process.waitFor(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            stop();
            throw e;
        }
        int stopped = finished ? 0 : stop();
        if (finished) endLeftovers();
        long graceEnd = System.nanoTime() + grace.toNanos();
        boolean drained = true;
        for (Thread reader : readers) {
            drained &= reader.join(Duration.ofNanos(Math.max(0, graceEnd - System.nanoTime())));
        }
        return new Ending(finished, stopped, drained);
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
