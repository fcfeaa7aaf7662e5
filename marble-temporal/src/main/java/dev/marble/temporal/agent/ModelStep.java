package dev.marble.temporal.agent;

import java.util.List;

/**
 * A finished model call, as its activity returns it into the workflow's history: once there, the call is never made
 * again, whichever worker goes on with the run.
 *
 * @param conversation the conversation with the answer added, as a {@link ConversationStore} reference
 * @param calls        the tool calls the answer asks for
 * @param text         the answer's text
 * @param paused       the provider paused its turn (and no tool call is asked for)
 */
public record ModelStep(String conversation, List<CallData> calls, String text, boolean paused, Spent spent) {}
