package dev.marble.process;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The environment variable every process a command starts inherits: {@code MARBLE_LAUNCH=OWNER-N}, where OWNER
 * names this Marble process (pid and start time, so that a later process with the same pid is another owner) and
 * N counts its launches. Searching {@code /proc/*}{@code /environ} for it finds what a command left behind after
 * it double-forked or started a session of its own; searching for the OWNER part finds all of it at once.
 */
public final class LaunchMarker {

    public static final String VARIABLE = "MARBLE_LAUNCH";

    private static final String OWNER = ProcessHandle.current().pid() + "-"
            + ProcessHandle.current()
                    .info()
                    .startInstant()
                    .map(start -> start.toEpochMilli())
                    .orElse(0L);
    private static final AtomicLong COUNT = new AtomicLong();

    private LaunchMarker() {}

    /** This Marble process's part of every marker it hands out. */
    static String owner() {
        return OWNER;
    }

    /** A marker no other launch has had: the variable's value. */
    static String next() {
        return OWNER + "-" + COUNT.incrementAndGet();
    }

    /** {@code MARBLE_LAUNCH=VALUE}, as it appears in a process's environment. */
    static String assignment(String marker) {
        return VARIABLE + "=" + marker;
    }
}
