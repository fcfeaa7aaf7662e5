package dev.marble.cli;

import dev.marble.error.UsageException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The shape of {@code marble run --json}: Marble's events (docs/json.md), llm-do's events, or LLMProc's object. */
enum JsonFormat {
    MARBLE("marble"),
    LLM_DO("llm-do"),
    /** LLMProc's {@code --json}: one object with the last message, calls, cost and stop reason, at the end. */
    LLMPROC("llmproc");

    private final String flagValue;

    JsonFormat(String flagValue) {
        this.flagValue = flagValue;
    }

    /** The value of {@code --json-format}; null (not given) is Marble's. */
    static JsonFormat parse(String value) {
        return parse(value, false);
    }

    /**
     * The value of {@code --json-format}; not given, LLMProc's object for a program (an LLMProc user's {@code --json})
     * and Marble's events for anything else.
     */
    static JsonFormat parse(String value, boolean program) {
        if (value == null) return program ? LLMPROC : MARBLE;
        return Arrays.stream(values())
                .filter(format -> format.flagValue.equals(value.strip()))
                .findFirst()
                .orElseThrow(() -> new UsageException("--json-format " + value + ": expected "
                        + Arrays.stream(values()).map(f -> f.flagValue).collect(Collectors.joining(" or "))));
    }
}
