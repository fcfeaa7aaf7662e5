package dev.marble.ui;

/**
 * A chain as its engine's workflow sees it (what {@code marble chain status} prints under {@code Temporal:}).
 *
 * @param workflowId  the chain's workflow id
 * @param running     whether the workflow still runs
 * @param status      the chain's status word as the workflow last saw it
 * @param round       rounds completed
 * @param linkRunning the link running now, or null
 * @param worker      the queue of the worker holding the chain, or null before one took it
 * @param waiting     why the chain waits (its worker is gone), or null
 * @param linksRun    links run by the workflow since it started
 */
public record EngineView(
        String workflowId,
        boolean running,
        String status,
        int round,
        String linkRunning,
        String worker,
        String waiting,
        int linksRun) {}
