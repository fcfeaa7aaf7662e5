package dev.marble.process;

import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Starts every process from one platform thread that lives as long as the JVM.
 *
 * <p>Why: Linux's parent-death signal ({@code prctl(PR_SET_PDEATHSIG)}, which {@code setpriv --pdeathsig} and
 * {@code bwrap --die-with-parent} set) fires when the <em>thread</em> that forked the child exits, not when the
 * process does. A process started from a virtual thread is forked by whichever carrier thread ran it, and the
 * carrier pool retires idle threads: the "parent" would die while Marble lives, and the sandbox with it, in the
 * middle of a command. Started from this thread, a child is signalled exactly when the JVM goes.
 */
final class ProcessStarter {

    private static final BlockingQueue<FutureTask<Process>> QUEUE = new LinkedBlockingQueue<>();

    static {
        Thread.ofPlatform().name("marble-process-starter").daemon().start(ProcessStarter::serve);
    }

    private ProcessStarter() {}

    /**
     * Starts {@code builder} on the starter thread. Waits through an interruption (starting takes milliseconds),
     * so that a process that was started is always returned to someone who will end it; the interruption is kept
     * for the caller to see.
     */
    static Process start(ProcessBuilder builder) throws IOException {
        FutureTask<Process> task = new FutureTask<>(builder::start);
        QUEUE.add(task);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw new IOException(e.getCause());
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private static void serve() {
        while (true) {
            try {
                QUEUE.take().run(); // FutureTask keeps a failure for its caller; nothing escapes to end this thread
            } catch (InterruptedException e) {
                // Nobody is meant to interrupt this thread; it must outlive every process it started.
            }
        }
    }
}
