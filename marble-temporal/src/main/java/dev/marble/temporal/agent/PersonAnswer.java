package dev.marble.temporal.agent;

/**
 * A person's answer to a call waiting for approval: the signal {@code marble approve} sends.
 *
 * @param number  which approval of the run it answers (the status names it): an answer to another is ignored
 * @param reason  why it was denied, shown to the model; null when approved
 */
public record PersonAnswer(int number, boolean approve, String reason) {}
