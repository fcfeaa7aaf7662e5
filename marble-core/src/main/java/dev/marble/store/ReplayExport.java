package dev.marble.store;

import dev.marble.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A run's model answers as a replay file for the {@code scripted:} provider ({@code marble logs --run ID --replay
 * FILE}): every call of the run and of the runs below it (a chain run's links, delegated runs), in the order they were
 * made, each as the reply it got — its reasoning, text and tool calls with their ids and arguments, its usage and stop
 * reason — and a call that failed as a failure. A chain whose links all name the one replay takes its replies in turn
 * (see the scripted provider), so the run can be played again offline. What the journal holds is redacted, and so is
 * the replay.
 */
public final class ReplayExport {

    /** What an export came to: the replay's JSON and how many replies it has. */
    public record Replay(ObjectNode json, int replies) {}

    private final Journal journal;

    public ReplayExport(Journal journal) {
        this.journal = journal;
    }

    /** The replay of run {@code runId} and the runs below it; empty replies when it made no call. */
    public Replay of(RunLog.RunRecord run) {
        List<String> runIds = new ArrayList<>();
        collect(new RunLog(journal).tree(run), runIds);
        ObjectNode replay = Json.object();
        replay.put("recorded_from", run.id());
        ArrayNode replies = replay.putArray("replies");
        for (CallRecord call : new CallLog(journal).ofRuns(runIds)) replies.add(reply(call));
        return new Replay(replay, replies.size());
    }

    private static void collect(RunLog.RunTree tree, List<String> runIds) {
        runIds.add(tree.run().id());
        for (RunLog.RunTree child : tree.children()) collect(child, runIds);
    }

    /** One call as a scripted reply (the fields {@code ScriptFile} reads). */
    static ObjectNode reply(CallRecord call) {
        ObjectNode reply = Json.object();
        if (call.responseJson() == null) {
            // A call that failed after its retries: played back as a failure that is not retried again.
            reply.put("error", "provider_failed");
            reply.put("message", call.error() == null ? "the recorded call failed" : call.error());
            return reply;
        }
        JsonNode response = Json.parse(call.responseJson());
        StringBuilder reasoning = new StringBuilder();
        StringBuilder text = new StringBuilder();
        ArrayNode toolCalls = Json.array();
        for (JsonNode part : response.path("parts")) {
            switch (Json.text(part, "type", "")) {
                case "reasoning" -> reasoning.append(Json.text(part, "text", ""));
                case "text" -> text.append(Json.text(part, "text", ""));
                case "tool_call" -> {
                    ObjectNode toolCall = toolCalls.addObject();
                    toolCall.put("id", Json.text(part, "id"));
                    toolCall.put("name", Json.text(part, "name"));
                    toolCall.set(
                            "arguments", part.path("arguments").isObject() ? part.get("arguments") : Json.object());
                }
                default -> {} // attachments and opaque provider blocks are not part of what a replay can say
            }
        }
        if (!reasoning.isEmpty()) reply.put("reasoning", reasoning.toString());
        if (!text.isEmpty() || toolCalls.isEmpty()) reply.put("text", text.toString());
        if (!toolCalls.isEmpty()) reply.set("tool_calls", toolCalls);
        ObjectNode usage = reply.putObject("usage");
        usage.put("input_tokens", zeroIfNull(call.inputTokens()));
        usage.put("output_tokens", zeroIfNull(call.outputTokens()));
        usage.put("cache_read_tokens", zeroIfNull(call.cacheReadTokens()));
        usage.put("cache_write_tokens", zeroIfNull(call.cacheWriteTokens()));
        String stop = Json.text(response, "stop_reason");
        if (stop != null) reply.put("stop_reason", stop);
        return reply;
    }

    private static long zeroIfNull(Long value) {
        return value == null ? 0 : value;
    }
}
