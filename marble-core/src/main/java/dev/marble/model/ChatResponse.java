package dev.marble.model;

import java.util.List;
import java.util.Objects;

/**
 * One call's output. Providers fill the message, stop reason, usage and what they know of cost and
 * session; the decorators around them add the attempts made and the priced cost.
 */
public record ChatResponse(
        Message message,
        StopReason stopReason,
        String rawStopReason,
        Usage usage,
        ModelRef model,
        String responseId,
        String sessionId,
        Cost cost,
        List<Attempt> attempts) {

    public ChatResponse {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(model, "model");
        stopReason = Objects.requireNonNullElse(stopReason, StopReason.OTHER);
        usage = Objects.requireNonNullElse(usage, Usage.ZERO);
        cost = Objects.requireNonNullElse(cost, Cost.UNKNOWN);
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    public String text() {
        return message.text();
    }

    public ChatResponse withCost(Cost newCost) {
        return new ChatResponse(
                message, stopReason, rawStopReason, usage, model, responseId, sessionId, newCost, attempts);
    }

    public ChatResponse withAttempts(List<Attempt> newAttempts) {
        return new ChatResponse(
                message, stopReason, rawStopReason, usage, model, responseId, sessionId, cost, newAttempts);
    }

    /** Retries and fallbacks taken before the attempt that succeeded. */
    public int retries() {
        return Math.max(0, attempts.size() - 1);
    }
}
