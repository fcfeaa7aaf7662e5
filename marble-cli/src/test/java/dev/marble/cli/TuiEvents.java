package dev.marble.cli;

import dev.marble.agent.RunEnding;
import dev.marble.event.Event;
import dev.marble.json.Json;
import dev.marble.model.ChatResponse;
import dev.marble.model.Cost;
import dev.marble.model.Message;
import dev.marble.model.ModelRef;
import dev.marble.model.StopReason;
import dev.marble.model.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Engine events as a run sends them, for the full-screen view's tests. */
final class TuiEvents {

    static final ModelRef MODEL = new ModelRef("anthropic", "claude-sonnet-4-5");
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

    private TuiEvents() {}

    static Event started(String runId, String agent, String parent) {
        return new Event.RunStarted(runId, AT, "run", agent, MODEL, "goal", List.of(), parent);
    }

    static Event turn(String runId, int turn) {
        return new Event.TurnStarted(runId, AT, turn);
    }

    static Event text(String runId, String text) {
        return new Event.TextDelta(runId, AT, text);
    }

    static Event called(String runId, String id, String tool, String argumentsJson) {
        return new Event.ToolCalled(runId, AT, id, tool, "builtin", Json.parse(argumentsJson));
    }

    static Event denied(String runId, String id, String tool, String reason) {
        return new Event.ApprovalDecided(runId, AT, id, tool, false, "user", reason);
    }

    static Event returned(String runId, String id, String tool, String content, boolean error) {
        return new Event.ToolReturned(runId, AT, id, tool, content, error, Duration.ofMillis(5));
    }

    static Event callFinished(String runId, long in, long out, String usd) {
        ChatResponse response = new ChatResponse(
                Message.assistant("x"),
                StopReason.END_TURN,
                "end_turn",
                new Usage(in, out, 0, 0),
                MODEL,
                "r",
                null,
                new Cost(new BigDecimal(usd), Cost.Source.PRICING_TABLE),
                List.of());
        return new Event.ModelCallFinished(runId, AT, "c", MODEL, null, response, Duration.ofMillis(5));
    }

    static Event finished(String runId, RunEnding ending, String usd) {
        return new Event.RunFinished(
                runId,
                AT,
                ending,
                "",
                2,
                Usage.ZERO,
                new Cost(new BigDecimal(usd), Cost.Source.PRICING_TABLE),
                Duration.ofSeconds(1),
                "answer");
    }
}
