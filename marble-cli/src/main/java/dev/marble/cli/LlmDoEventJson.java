package dev.marble.cli;

import dev.marble.agent.RunEnding;
import dev.marble.event.Event;
import dev.marble.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Marble's events in llm-do's JSON shapes ({@code --json-format llm-do}): {@code initial_request}, {@code status},
 * {@code text_response}, {@code tool_call}, {@code tool_result}, {@code approval_request}, {@code completion} and
 * {@code error}, each naming its {@code worker} (the agent of the run it belongs to). Stateful, because llm-do's
 * events carry what Marble's spread over several: a worker's name (from its run's start), its instructions (from its
 * first model call), an approval's arguments (from the tool call it is about). Not thread-safe on its own; the
 * renderer calls it under its lock.
 */
final class LlmDoEventJson {

    /** What is known of a run by the time its later events come. */
    private static final class RunInfo {
        final String worker;
        final String goal;
        boolean announced;

        RunInfo(String worker, String goal) {
            this.worker = worker;
            this.goal = goal;
        }
    }

    private final Map<String, RunInfo> runs = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> arguments = new ConcurrentHashMap<>();

    /** The llm-do objects for one event, in order; none for events llm-do had no counterpart for. */
    List<ObjectNode> of(Event event) {
        return switch (event) {
            case Event.RunStarted e -> {
                runs.put(e.runId(), new RunInfo(e.agent(), e.goal()));
                yield List.of();
            }
            case Event.ModelCallStarted e -> {
                RunInfo run = run(e.runId());
                ObjectNode status = status(e.runId(), "start", e.model().toString(), null);
                if (run.announced) yield List.of(status);
                run.announced = true;
                ObjectNode initial = event("initial_request", e.runId());
                initial.put(
                        "instructions",
                        e.request().system() == null ? "" : e.request().system());
                initial.put("user_input", run.goal == null ? "" : run.goal);
                initial.putArray("attachments");
                yield List.of(initial, status);
            }
            case Event.ModelCallFinished e -> {
                ObjectNode status = status(
                        e.runId(),
                        "end",
                        e.response().model().toString(),
                        e.latency().toMillis() / 1000.0);
                String text = e.response().text();
                if (text == null || text.isBlank()) yield List.of(status);
                yield List.of(status, text(e.runId(), text, true, false));
            }
            case Event.TextDelta e -> List.of(text(e.runId(), e.text(), false, true));
            case Event.ToolCalled e -> {
                arguments.put(e.toolCallId(), e.arguments());
                ObjectNode call = event("tool_call", e.runId());
                call.put("tool_name", e.tool());
                call.put("tool_call_id", e.toolCallId());
                call.set("args", e.arguments());
                yield List.of(call);
            }
            case Event.ApprovalRequested e -> {
                ObjectNode request = event("approval_request", e.runId());
                request.put("tool_name", e.tool());
                request.put("reason", e.reason());
                request.set("args", arguments.getOrDefault(e.toolCallId(), Json.object()));
                yield List.of(request);
            }
            case Event.ToolReturned e -> {
                arguments.remove(e.toolCallId());
                ObjectNode result = event("tool_result", e.runId());
                result.put("tool_name", e.tool());
                result.put("tool_call_id", e.toolCallId());
                result.set("content", structured(e.content()));
                result.put("is_error", e.isError());
                yield List.of(result);
            }
            case Event.ModelCallFailed e -> List.of(error(e.runId(), "model_failed", e.error()));
            case Event.RunFinished e -> {
                RunInfo run = runs.remove(e.runId());
                if (run == null) yield List.of();
                if (e.ending() instanceof RunEnding ending && ending.finished())
                    yield List.of(event("completion", e.runId(), run.worker));
                // A failed model call has had its error line already.
                if (e.ending() == RunEnding.MODEL_FAILED) yield List.of();
                yield List.of(error(e.runId(), e.ending().wireName(), e.detail()));
            }
            default -> List.of();
        };
    }

    private RunInfo run(String runId) {
        return runs.computeIfAbsent(runId, id -> new RunInfo(null, null));
    }

    private ObjectNode event(String type, String runId) {
        return event(type, runId, run(runId).worker);
    }

    private static ObjectNode event(String type, String runId, String worker) {
        ObjectNode out = Json.object();
        out.put("type", type);
        out.put("worker", worker);
        return out;
    }

    private ObjectNode status(String runId, String state, String model, Double seconds) {
        ObjectNode status = event("status", runId);
        status.put("phase", "model_request");
        status.put("state", state);
        status.put("model", model);
        status.put("duration_sec", seconds);
        return status;
    }

    private ObjectNode text(String runId, String content, boolean complete, boolean delta) {
        ObjectNode text = event("text_response", runId);
        text.put("content", content);
        text.put("is_complete", complete);
        text.put("is_delta", delta);
        return text;
    }

    private ObjectNode error(String runId, String type, String message) {
        ObjectNode error = event("error", runId);
        error.put("error_type", type);
        error.put("message", message);
        // llm-do printed a Python traceback here; Marble prints none (--debug shows Java's on standard error).
        error.putNull("traceback");
        return error;
    }

    /** A result that is a JSON object or array stays structured, as llm-do kept a tool's returned value. */
    private static JsonNode structured(String content) {
        String trimmed = content.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            Optional<JsonNode> parsed = parse(trimmed);
            if (parsed.isPresent()) return parsed.get();
        }
        return Json.mapper().getNodeFactory().stringNode(content);
    }

    private static Optional<JsonNode> parse(String text) {
        try {
            return Optional.of(Json.parse(text));
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
