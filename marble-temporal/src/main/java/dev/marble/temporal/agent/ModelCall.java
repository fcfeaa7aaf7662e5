package dev.marble.temporal.agent;

/**
 * One model call: the run, and the turn it is made for.
 *
 * @param turn what the call starts from
 */
public record ModelCall(String runId, RunOrder order, Turn turn) {

    /**
     * @param conversation     the conversation so far, as a {@link ConversationStore} reference
     * @param appended         a message to add before the call (the last round's tool results, as JSON), or null
     * @param number           the turn's number (1 for the first call)
     * @param pausesInRow      answers in a row the provider paused: above 0, this call continues the last message
     * @param deadlineAtMillis the run's deadline (epoch milliseconds), or 0 for none
     */
    public record Turn(String conversation, String appended, int number, int pausesInRow, long deadlineAtMillis) {}
}
