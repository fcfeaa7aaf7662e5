package dev.marble.model;

import java.time.Duration;

/**
 * Receives a call's output while it is produced. Every method has an empty default, so a listener
 * implements only what it shows.
 */
public interface StreamListener {

    /** Wants nothing: the call is made without streaming. */
    StreamListener NONE = new StreamListener() {
        @Override
        public boolean wantsDeltas() {
            return false;
        }
    };

    /**
     * Whether to stream: true makes providers ask for deltas as they are generated; false makes
     * one whole response, and only {@link #onAttemptFailed} is of use.
     */
    default boolean wantsDeltas() {
        return true;
    }

    default void onText(String delta) {}

    default void onReasoning(String delta) {}

    default void onToolCall(Part.ToolCall call) {}

    /** A tool the provider ran itself reported its result (streamed or not, once per use). */
    default void onServerTool(ServerToolUse use) {}

    /**
     * An attempt failed and another follows after {@code wait} (a retry, or the next fallback).
     * Text already streamed from the failed attempt will be streamed again by the next one.
     */
    default void onAttemptFailed(Attempt failed, Duration wait) {}
}
