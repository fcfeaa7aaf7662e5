package dev.marble.agent;

import dev.marble.model.Cost;
import dev.marble.model.Message;
import dev.marble.model.Usage;
import java.time.Duration;
import java.util.List;

/**
 * How a run ended, with everything needed to report it or continue it: the whole conversation
 * (to export and import later), the turns, tokens and cost, and the model's last text.
 */
public record AgentResult(
        String runId,
        RunEnding ending,
        String detail,
        List<Message> conversation,
        int turns,
        Usage usage,
        Cost cost,
        Duration elapsed,
        String answer) {

    public AgentResult {
        conversation = List.copyOf(conversation);
    }
}
