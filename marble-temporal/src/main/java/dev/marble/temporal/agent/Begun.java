package dev.marble.temporal.agent;

import dev.marble.api.DurableRuns;

/**
 * The run as a worker assembled it: the first conversation and the limits its decisions are made with (an agent
 * file's own limits, for {@code marble run}).
 *
 * @param conversation the goal as the first message, as a {@link ConversationStore} reference
 */
public record Begun(String conversation, DurableRuns.Limits limits, long toolTimeoutSeconds, String completionMarker) {}
