package dev.marble.agent;

import java.util.Objects;

/**
 * Which run this is: its id (the journal's key), what started it ("loop", "chain", "run", "session", ...), and
 * where it sits in a tree of delegated runs.
 */
public record RunIdentity(String runId, String kind, RunLineage lineage) {

    public RunIdentity {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(lineage, "lineage");
    }

    /** A run a person started, at the root of its tree. */
    public static RunIdentity root(String runId, String kind) {
        return new RunIdentity(runId, kind, RunLineage.ROOT);
    }
}
