package dev.marble.event;

import dev.marble.model.Attempt;
import dev.marble.model.ChatRequest;
import dev.marble.model.ChatResponse;
import dev.marble.model.Cost;
import dev.marble.model.ModelRef;
import dev.marble.model.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Something that happened in a run. Sinks (the console, JSON lines, the journal, notifiers) all
 * receive the same events, so nothing a run does is known only to its terminal. The set is sealed
 * so that every sink handles every kind.
 */
public sealed interface Event {

    /** The run this event belongs to; a single {@code marble pipe} call is a run of one call. */
    String runId();

    Instant at();

    /** @param parentRunId the run whose tool call started this one (a delegated run); null for a top-level run */
    record RunStarted(
            String runId,
            Instant at,
            String kind,
            String agent,
            ModelRef model,
            String goal,
            List<String> tools,
            String parentRunId)
            implements Event {

        public RunStarted(
                String runId, Instant at, String kind, String agent, ModelRef model, String goal, List<String> tools) {
            this(runId, at, kind, agent, model, goal, tools, null);
        }
    }

    record TurnStarted(String runId, Instant at, int turn) implements Event {}

    record ModelCallStarted(
            String runId, Instant at, String callId, ModelRef model, List<ModelRef> fallbacks, ChatRequest request)
            implements Event {}

    record ModelCallFinished(
            String runId,
            Instant at,
            String callId,
            ModelRef requested,
            ChatRequest request,
            ChatResponse response,
            Duration latency)
            implements Event {}

    record ModelCallFailed(
            String runId,
            Instant at,
            String callId,
            ModelRef requested,
            ChatRequest request,
            List<Attempt> attempts,
            String error,
            Duration latency)
            implements Event {}

    /** An attempt failed and another follows; text already streamed will be streamed again. */
    record AttemptFailed(String runId, Instant at, Attempt attempt, Duration retryIn) implements Event {}

    /** A piece of the answer as it is generated (not kept in the journal: the whole answer is). */
    record TextDelta(String runId, Instant at, String text) implements Event {}

    record ToolCalled(String runId, Instant at, String toolCallId, String tool, String source, JsonNode arguments)
            implements Event {}

    /** The policy wants a decision on a call; an approver is being asked. */
    record ApprovalRequested(String runId, Instant at, String toolCallId, String tool, String reason)
            implements Event {}

    /** Whether a call may run, and who decided: the policy, the session memory, or the approver. */
    record ApprovalDecided(
            String runId, Instant at, String toolCallId, String tool, boolean allowed, String decidedBy, String reason)
            implements Event {}

    record ToolReturned(
            String runId,
            Instant at,
            String toolCallId,
            String tool,
            String content,
            boolean isError,
            Duration duration)
            implements Event {}

    /** A chain's link begins, as the agent run {@code linkRunId}; {@code resumed}: it did not finish last time. */
    record LinkStarted(
            String runId,
            Instant at,
            int round,
            int link,
            String name,
            String role,
            ModelRef model,
            String linkRunId,
            boolean resumed)
            implements Event {}

    /** A chain's link ended: ok, failed, skipped or interrupted. */
    record LinkFinished(
            String runId,
            Instant at,
            int round,
            int link,
            String name,
            LinkOutcome outcome,
            String detail,
            Duration elapsed,
            Cost cost)
            implements Event {}

    /** A line of a chain's log that is no link's: the banner, a shutdown, skip protection, a status correction. */
    record ChainNote(String runId, Instant at, String text) implements Event {}

    /** A run ended: an agent run (its {@code RunEnding}) or a chain (the reason it shut down). */
    record RunFinished(
            String runId,
            Instant at,
            Ending ending,
            String detail,
            int turns,
            Usage usage,
            Cost cost,
            Duration elapsed,
            String answer)
            implements Event {

        /** Why a run ended, as a type; the lower-case word the journal, --json and people read is its wire name. */
        public interface Ending {
            String wireName();
        }
    }
}
