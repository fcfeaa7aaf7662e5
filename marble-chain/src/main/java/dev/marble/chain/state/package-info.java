/**
 * A chain's state on disk, {@code state/<chain>/}, as llmauto users know it, and the rules that read
 * it: when to stop ({@link dev.marble.chain.state.ShutdownCondition}s, llmauto's listed in order by
 * {@link dev.marble.chain.state.ShutdownCheck}, each judging a {@link dev.marble.chain.state.ChainState}
 * read once before a link), when a skipped worker's note must not replace the handoff
 * ({@link dev.marble.chain.state.SkipProtection}), which status words an agent may leave
 * ({@link dev.marble.chain.state.StatusGuard}).
 *
 * <p>Where Marble differs from llmauto, on purpose (SEEDS-SPEC 1.15): every write is atomic and the
 * chain is locked against a second start (12); reading creates nothing (10); a STOP file is answered
 * once and its reason kept in {@code shutdown.txt} (6); ALL_DONE stays the final status (5); an agent's
 * STOPPED stops the chain (4); reset also clears per-link handoffs, sessions and progress (7);
 * runtime adds up over restarts like the round count (9); consecutive failures stop the chain (8).
 *
 * <p>Nothing here knows the chain file's model: it takes plain values, so the runner composes it.
 */
package dev.marble.chain.state;
