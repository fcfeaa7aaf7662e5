package dev.marble.cli;

import dev.marble.error.UsageException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The shape of {@code marble run}'s event stream: Marble's own (docs/json.md) or llm-do's ({@code --json}). */
enum JsonFormat {
    MARBLE("marble"),
    LLM_DO("llm-do");

    private final String flagValue;

    JsonFormat(String flagValue) {
        this.flagValue = flagValue;
    }

    /** The value of {@code --json-format}; null (not given) is Marble's. */
    static JsonFormat parse(String value) {
        if (value == null) return MARBLE;
        return Arrays.stream(values())
                .filter(format -> format.flagValue.equals(value.strip()))
                .findFirst()
                .orElseThrow(() -> new UsageException("--json-format " + value + ": expected "
                        + Arrays.stream(values()).map(f -> f.flagValue).collect(Collectors.joining(" or "))));
    }
}
