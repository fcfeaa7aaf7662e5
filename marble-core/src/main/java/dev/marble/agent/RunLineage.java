package dev.marble.agent;

/**
 * Where a run sits in a tree of delegated runs: the run whose tool call started it, how deep it is,
 * and whether it is a forked copy of its parent. A run a person starts is {@link #ROOT}.
 *
 * @param parentRunId the run that started this one, as the journal links them; null for a root
 * @param depth       0 for a root, one more than the parent's for a child
 * @param forked      a copy of its parent's conversation, made by {@code fork}; such a copy may not fork again
 */
public record RunLineage(String parentRunId, int depth, boolean forked) {

    public static final RunLineage ROOT = new RunLineage(null, 0, false);

    public RunLineage {
        if (depth < 0) throw new IllegalArgumentException("depth cannot be negative");
        if ((parentRunId == null) != (depth == 0)) {
            throw new IllegalArgumentException("a run has a parent exactly when it is below the root");
        }
    }

    /** The lineage of a run started by a tool call of the run {@code runId}, which has this lineage. */
    public RunLineage child(String runId, boolean fork) {
        return new RunLineage(runId, depth + 1, fork);
    }
}
