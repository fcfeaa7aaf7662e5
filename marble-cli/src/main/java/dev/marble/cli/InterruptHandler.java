package dev.marble.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl+C, done cleanly: the first press interrupts the command's thread, so the call in flight ends
 * as "interrupted", is written to the journal, and the command exits 130; a second press exits at
 * once. Without this the JVM would stop without closing the journal. {@code sun.misc.Signal} is the
 * supported way (module jdk.unsupported) to catch SIGINT in plain Java.
 */
final class InterruptHandler {

    private InterruptHandler() {}

    /** Presses since the last {@link #rearm}; shared by both signals, as one person presses both. */
    private static final AtomicInteger presses = new AtomicInteger();

    static void install(Thread commandThread, PrintStream err) {
        presses.set(0);
        for (String name : new String[] {"INT", "TERM"}) {
            handle(name, commandThread, err, presses);
        }
    }

    /**
     * SIGTERM is handled like Ctrl+C: {@code marble chain stop --now} sends it, and a chain must finish the same
     * clean way (the link in flight recorded as unfinished, the journal closed) instead of dying mid-write.
     */
    /**
     * Makes the next press interrupt again instead of quitting: a command that survives an interruption (a chat
     * goes back to its prompt) calls this once it has handled it.
     */
    static void rearm() {
        presses.set(0);
    }

    private static void handle(String name, Thread commandThread, PrintStream err, AtomicInteger presses) {
        try {
            Signal.handle(new Signal(name), signal -> {
                if (presses.incrementAndGet() == 1) {
                    err.println();
                    err.println("marble: stopping (Ctrl+C again to quit at once)");
                    commandThread.interrupt();
                } else {
                    Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
                }
            });
        } catch (IllegalArgumentException unsupported) {
            // No SIGINT on this platform: the JVM's default handling applies.
        }
    }
}
