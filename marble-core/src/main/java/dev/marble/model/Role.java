package dev.marble.model;

/** Who wrote a message. System instructions travel separately, in {@link ChatRequest#system()}. */
public enum Role {
    USER,
    ASSISTANT;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
