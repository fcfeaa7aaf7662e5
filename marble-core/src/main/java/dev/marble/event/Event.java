package dev.marble.event;

import dev.marble.model.Attempt;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.ModelRef;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Something that happened in a run. Sinks (the console, JSON lines, the journal, notifiers) all
 * receive the same events, so nothing a run does is known only to its terminal. Later issues add
 * kinds (tools, approvals, links, rounds); the set is sealed so every sink sees every kind.
 */
public sealed interface Event {

    /** The run this event belongs to; a single {@code marble pipe} call is a run of one call. */
    String runId();

    Instant at();

    record ModelCallStarted(String runId, Instant at, String callId, ModelRef model, List<ModelRef> fallbacks,
                            ChatRequest request) implements Event {}

    record ModelCallFinished(String runId, Instant at, String callId, ModelRef requested, ChatRequest request,
                             ChatResponse response, Duration latency) implements Event {}

    record ModelCallFailed(String runId, Instant at, String callId, ModelRef requested, ChatRequest request,
                           List<Attempt> attempts, String error, Duration latency) implements Event {}
}
