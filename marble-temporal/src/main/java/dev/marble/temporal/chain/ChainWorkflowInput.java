package dev.marble.temporal.chain;

/**
 * What a chain's workflow starts from, and carries over when it continues as new.
 *
 * @param chain        the chain
 * @param workspace    how links reach the workspace: {@code pinned} or {@code git} ({@link ChainWorkspace})
 * @param worker       the own queue of the worker that holds the workspace; null until a worker took the chain
 * @param onLostWorker when that worker is gone past {@code moveAfterSeconds}: {@code wait} for it, or {@code move}
 *                     to any worker that sees the same project path (a shared file system)
 * @param timeouts     heartbeat, move-after, link timeouts
 * @param carried      what the previous run of this workflow knew (null at the first)
 */
public record ChainWorkflowInput(
        ChainRef chain, String workspace, String worker, String onLostWorker, ChainTimeouts timeouts, Carried carried) {

    /**
     * @param stopRequested a stop signalled and not yet honoured, or null
     * @param linksRun      links run or skipped by the workflow so far, over its runs
     * @param runs          runs of the workflow so far (continue-as-new)
     * @param outline       the chain's outline as its worker opened it: the next run decides from it without opening
     *                      the chain again (the worker keeps its session across runs)
     * @param view          the chain's state as the last step of the previous run left it
     */
    public record Carried(String stopRequested, int linksRun, int runs, ChainOutline outline, ChainView view) {}

    /**
     * @param heartbeatSeconds a link that has not heartbeat this long is taken to be lost with its worker
     * @param moveAfterSeconds how long a link may wait for its worker before the chain waits on or moves
     * @param linkHours        how long one link may run at most
     */
    public record ChainTimeouts(long heartbeatSeconds, long moveAfterSeconds, long linkHours) {}

    ChainWorkflowInput next(ChainRef chain, String worker, Carried carried) {
        return new ChainWorkflowInput(chain, workspace, worker, onLostWorker, timeouts, carried);
    }
}
