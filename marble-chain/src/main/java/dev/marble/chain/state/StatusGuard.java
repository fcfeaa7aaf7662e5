package dev.marble.chain.state;

import java.util.Optional;
import java.util.Set;

/**
 * llmauto's status guard (SEEDS-SPEC 1.11): agents sometimes write COMPLETED, DONE or APPROVED into
 * {@code status.txt}, which would mean nothing to the runner and mislead {@code status}, so after each
 * link any other word is set back to RUNNING. Unlike llmauto, STOPPED is left alone: an agent writing
 * it asks the chain to stop, as llmauto's README promised (defect 4), and the next shutdown check
 * honours it.
 */
public final class StatusGuard {

    public static final String RUNNING = "RUNNING";
    private static final Set<String> KEPT = Set.of(RUNNING, "ALL_DONE", "STOPPED");

    private StatusGuard() {}

    /** The status to write instead of {@code status}, or empty when it may stay (compared exactly, as llmauto did). */
    public static Optional<String> correct(String status) {
        return KEPT.contains(status) ? Optional.empty() : Optional.of(RUNNING);
    }
}
