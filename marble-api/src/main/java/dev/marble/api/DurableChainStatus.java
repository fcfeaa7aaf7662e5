package dev.marble.api;

/**
 * A chain on a {@link DurableEngine} as its workflow sees it: {@code marble chain status} shows it beside the state
 * files' view.
 *
 * @param workflowId    the chain's workflow id
 * @param running       whether the workflow is still running
 * @param status        the chain's status word (RUNNING, STOPPED, ALL_DONE, COMPLETED) as last seen
 * @param round         rounds completed
 * @param nextLink      the index of the link that runs next
 * @param linkRunning   the link running now, or null
 * @param worker        the queue of the worker that holds the chain's workspace, or null before one took it
 * @param waiting       why the chain waits (its worker is gone), or null
 * @param stopRequested the reason of a stop asked for and not yet honoured, or null
 * @param lastShutdown  why the chain last stopped, or null
 * @param costUsd       dollars spent since the last reset, as a decimal
 * @param linksRun      links run or skipped by this workflow since it started
 */
public record DurableChainStatus(
        String workflowId,
        boolean running,
        String status,
        int round,
        int nextLink,
        String linkRunning,
        String worker,
        String waiting,
        String stopRequested,
        String lastShutdown,
        String costUsd,
        int linksRun) {}
