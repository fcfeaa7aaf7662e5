package dev.marble.temporal.agent;

/**
 * One tool call to run.
 *
 * @param answer           a person's answer to this call's approval (from {@code marble approve}), or null
 * @param deadlineAtMillis the run's deadline (epoch milliseconds), or 0 for none
 */
public record ToolOrder(String runId, RunOrder order, CallData call, PersonAnswer answer, long deadlineAtMillis) {}
