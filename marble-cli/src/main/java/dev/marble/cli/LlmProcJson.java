package dev.marble.cli;

import dev.marble.agent.AgentResult;
import dev.marble.json.Json;
import dev.marble.secret.SecretRedactor;
import java.math.BigDecimal;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one object {@code llmproc PROGRAM --json} printed, which {@code marble run} prints for a program file with
 * {@code --json}: {@code api_calls}, {@code usd_cost}, {@code last_message}, {@code stderr}, {@code stop_reason}, and
 * {@code cost_limit} when one was set. Marble has no {@code write_stderr} tool, so {@code stderr} is always an empty
 * list; a cost Marble cannot price is null rather than a made-up zero.
 */
final class LlmProcJson {

    private LlmProcJson() {}

    static String of(AgentResult result, BigDecimal costLimit, SecretRedactor redactor) {
        ObjectNode out = Json.object();
        out.put("api_calls", result.turns());
        if (result.cost() != null && result.cost().known())
            out.put("usd_cost", result.cost().usd());
        else out.putNull("usd_cost");
        out.put("last_message", result.answer() == null ? "" : redactor.redact(result.answer()));
        out.putArray("stderr");
        out.put("stop_reason", stopReason(result));
        if (costLimit != null) out.put("cost_limit", costLimit);
        return Json.write(out);
    }

    /**
     * LLMProc's words where it had one for the same ending ({@code end_turn}, {@code max_iterations},
     * {@code cost_limit_exceeded}); Marble's own ending otherwise, so a failure is never reported as an answer.
     */
    static String stopReason(AgentResult result) {
        return switch (result.ending()) {
            case ANSWERED, COMPLETED -> "end_turn";
            case MAX_TURNS -> "max_iterations";
            case COST_BUDGET -> "cost_limit_exceeded";
            default -> result.ending().wireName();
        };
    }
}
