package dev.marble.model;

/** Why the model stopped generating, in provider-neutral terms. */
public enum StopReason {
    END_TURN,
    TOOL_USE,
    MAX_TOKENS,
    STOP_SEQUENCE,
    REFUSAL,
    PAUSED,
    OTHER
}
