package dev.marble.model;

import java.time.Duration;

/**
 * One try at one model. A call that needed retries or fallbacks keeps every attempt, so the
 * journal and the final error can say exactly what happened.
 */
public record Attempt(ModelRef model, int number, Duration latency, String error, Duration waitBefore) {

    public boolean succeeded() {
        return error == null;
    }

    public String describe() {
        String outcome = succeeded() ? "ok" : error;
        return model + " #" + number + ": " + outcome + " (" + latency.toMillis() + " ms)";
    }
}
