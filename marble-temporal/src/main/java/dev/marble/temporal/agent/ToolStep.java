package dev.marble.temporal.agent;

/**
 * A tool call's outcome: its result (through every gate, redacted, cut to the output limit), or that a person must
 * answer first.
 *
 * @param spent what the tool spent (a delegated run's calls), or null
 * @param person non-null when the call did not run because the policy asks a person: the workflow waits for the
 *              answer and runs the call again with it
 */
public record ToolStep(String content, boolean error, Spent spent, Wait person) {

    /** What the person is asked: the tool, what the call would do, and why the policy asks. */
    public record Wait(String tool, String subject, String reason) {}
}
