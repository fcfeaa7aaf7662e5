package dev.marble.temporal.chain;

/**
 * A chain taken by a worker: the worker's own queue (where its links go from now on), the chain's outline for the
 * decisions, and its state.
 */
public record Opened(String worker, ChainOutline outline, ChainView view) {}
