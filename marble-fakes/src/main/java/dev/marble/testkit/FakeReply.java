package dev.marble.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a fake model server does with the next request, in terms of no provider in particular; each fake renders
 * it in its own wire format. Replies are immutable: the {@code with...} methods return copies.
 */
public sealed interface FakeReply permits FakeReply.Answer, FakeReply.HttpError, FakeReply.Fault {

    /** A plain text answer. */
    static Answer text(String text) {
        return new Answer(text, List.of(), null, null, FakeUsage.DEFAULT, null, Duration.ZERO, List.of());
    }

    /** An answer that is one tool call and nothing else; the fake generates the call id. */
    static Answer toolCall(String name, String argumentsJson) {
        return new Answer(null, List.of(), null, null, FakeUsage.DEFAULT, null, Duration.ZERO, List.of())
                .withToolCall(name, argumentsJson);
    }

    /** An HTTP error in the provider's error format, e.g. {@code error(429, "rate_limit_error", "slow down")}. */
    static HttpError error(int status, String type, String message) {
        return new HttpError(status, type, message, Map.of());
    }

    static Fault fault(FaultKind kind) {
        return new Fault(kind, Duration.ZERO);
    }

    static Fault fault(FaultKind kind, Duration delay) {
        return new Fault(kind, delay);
    }

    /**
     * A successful model answer. Content goes on the wire in the order thinking, server tools (each use and its
     * result; Anthropic only), text, tool calls.
     *
     * @param text              {@code null} for no text part
     * @param thinking          {@code null} for no thinking; OpenAI sends it as {@code reasoning_content}
     * @param stopReason        sent verbatim; {@code null} derives it: tool calls give {@code tool_use} /
     *                          {@code tool_calls}, otherwise {@code end_turn} / {@code stop}
     * @param delay             waited before the response headers are sent
     */
    record Answer(
            String text,
            List<FakeToolCall> toolCalls,
            String thinking,
            String thinkingSignature,
            FakeUsage usage,
            String stopReason,
            Duration delay,
            List<FakeServerToolUse> serverTools)
            implements FakeReply {
        public Answer {
            toolCalls = List.copyOf(toolCalls == null ? List.of() : toolCalls);
            serverTools = List.copyOf(serverTools == null ? List.of() : serverTools);
            usage = usage == null ? FakeUsage.DEFAULT : usage;
            delay = nonNegative(delay);
        }

        /** Before its text: a tool the provider ran itself, with its result (Anthropic's server tools). */
        public Answer withServerTool(FakeServerToolUse use) {
            List<FakeServerToolUse> more = new ArrayList<>(serverTools);
            more.add(use);
            return new Answer(text, toolCalls, thinking, thinkingSignature, usage, stopReason, delay, more);
        }

        public Answer withText(String text) {
            return new Answer(text, toolCalls, thinking, thinkingSignature, usage, stopReason, delay, serverTools);
        }

        /** Adds a tool call whose id the fake generates. */
        public Answer withToolCall(String name, String argumentsJson) {
            return withToolCall(null, name, argumentsJson);
        }

        /** Adds a tool call with a fixed id, for tests that must know it in advance. */
        public Answer withToolCall(String id, String name, String argumentsJson) {
            List<FakeToolCall> calls = new ArrayList<>(toolCalls);
            calls.add(new FakeToolCall(id, name, argumentsJson));
            return new Answer(text, calls, thinking, thinkingSignature, usage, stopReason, delay, serverTools);
        }

        public Answer withThinking(String thinking, String signature) {
            return new Answer(text, toolCalls, thinking, signature, usage, stopReason, delay, serverTools);
        }

        public Answer withUsage(long input, long output, long cacheRead, long cacheWrite) {
            return new Answer(
                    text,
                    toolCalls,
                    thinking,
                    thinkingSignature,
                    new FakeUsage(input, output, cacheRead, cacheWrite),
                    stopReason,
                    delay,
                    serverTools);
        }

        /**
         * Anthropic's {@code pause_turn}: the provider paused a long turn of its server tools, and the client is to
         * send this answer back as the last assistant message to have it go on.
         */
        public Answer paused() {
            return withStopReason("pause_turn");
        }

        /** A stop reason exactly as the provider spells it, e.g. {@code max_tokens} or {@code length}. */
        public Answer withStopReason(String wireStopReason) {
            return new Answer(text, toolCalls, thinking, thinkingSignature, usage, wireStopReason, delay, serverTools);
        }

        public Answer withDelay(Duration delayBeforeHeaders) {
            return new Answer(
                    text, toolCalls, thinking, thinkingSignature, usage, stopReason, delayBeforeHeaders, serverTools);
        }
    }

    /** An error status with the provider's error body and extra headers (e.g. {@code retry-after}). */
    record HttpError(int status, String type, String message, Map<String, String> headers) implements FakeReply {
        public HttpError {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("not an HTTP status: " + status);
            }
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(message, "message");
            // Insertion order kept so the headers go on the wire as the test wrote them.
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers == null ? Map.of() : headers));
        }

        public HttpError withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new HttpError(status, type, message, more);
        }
    }

    /**
     * A deliberate failure. For {@link FaultKind#SLOW_HEADERS} and {@link FaultKind#SLOW_BODY} {@code delay} is
     * the stall; for the other kinds it is waited before the fault happens.
     */
    record Fault(FaultKind kind, Duration delay) implements FakeReply {
        public Fault {
            Objects.requireNonNull(kind, "kind");
            delay = nonNegative(delay);
        }
    }

    private static Duration nonNegative(Duration delay) {
        if (delay == null) {
            return Duration.ZERO;
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + delay);
        }
        return delay;
    }
}
