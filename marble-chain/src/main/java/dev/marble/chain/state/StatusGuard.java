package dev.marble.chain.state;

import java.util.EnumSet;
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

    private static final Set<ChainStatus> KEPT =
            EnumSet.of(ChainStatus.RUNNING, ChainStatus.ALL_DONE, ChainStatus.STOPPED);

    private StatusGuard() {}

    /**
     * The status to write instead of the word {@code status.txt} holds, or empty when it may stay (compared exactly,
     * as llmauto did: {@code all_done} is set back too).
     */
    public static Optional<ChainStatus> correct(String word) {
        return ChainStatus.fromFileWord(word).filter(KEPT::contains).isPresent()
                ? Optional.empty()
                : Optional.of(ChainStatus.RUNNING);
    }
}
