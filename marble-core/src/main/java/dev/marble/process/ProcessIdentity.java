package dev.marble.process;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A process as it can be found again later, even by another Marble process: its pid and the instant it started.
 * A pid alone is not enough, since the kernel reuses pids; the start instant tells a process from a later one
 * that got the same number.
 */
public record ProcessIdentity(long pid, Instant startedAt) {

    public ProcessIdentity {
        Objects.requireNonNull(startedAt, "startedAt");
        if (pid <= 0) throw new IllegalArgumentException("a pid is positive: " + pid);
    }

    /** The identity of a running process; empty when it is gone or the system does not tell its start. */
    public static Optional<ProcessIdentity> of(ProcessHandle process) {
        return process.info().startInstant().map(start -> new ProcessIdentity(process.pid(), start));
    }

    /** This process, when it is still running (the same one: a reused pid does not count). */
    public Optional<ProcessHandle> live() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle ->
                        handle.info().startInstant().map(startedAt::equals).orElse(false));
    }
}
