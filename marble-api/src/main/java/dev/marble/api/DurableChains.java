package dev.marble.api;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Chains on a {@link DurableEngine}: {@code marble chain start NAME --engine temporal}, and {@code stop} and
 * {@code status} of a chain started so. One running workflow per chain: its id is derived from the project and the
 * chain's name, so a second start is refused as a second local start is.
 */
public interface DurableChains {

    /**
     * Starts {@code request}'s chain on the engine's workers and returns its workflow id, without waiting for it.
     *
     * @throws dev.marble.chain.state.ChainBusyException when a workflow already runs the chain
     */
    String start(DurableChainStart request);

    /**
     * Asks the chain to stop after the link that is running (a signal): false when no workflow runs it.
     *
     * @param reason what {@code status} shows as the manual stop's reason; may be empty
     */
    boolean stop(Path project, String chain, String reason);

    /** The running (or last) workflow's view of the chain (a query); empty when the engine has none for it. */
    Optional<DurableChainStatus> status(Path project, String chain);
}
