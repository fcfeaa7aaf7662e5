package dev.marble.model;

import java.util.Locale;

/** Who wrote a message. System instructions travel separately, in {@link ChatRequest#system()}. */
public enum Role {
    USER,
    ASSISTANT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
